using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Webhooks;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Persons;

/// <summary>
/// Creates, changes, deletes and merges persons from API v2 shaped bodies, for the API (<c>change_source: api</c>)
/// and the control API / console (<c>app</c>), and publishes the matching webhook events.
/// </summary>
public sealed class PersonWriter(PipedriveStore store, WebhookDispatcher dispatcher)
{
    private static readonly JsonSerializerOptions CloneJson = new(JsonSerializerDefaults.Web);

    public WriteResult Create(long companyId, JsonObject body, long actorUserId, string source)
    {
        EntityChange change;
        JsonObject data;
        lock (store.Gate)
        {
            var person = new Person { CompanyId = companyId, OwnerId = actorUserId };
            if (JsonInput.String(body["name"]) is not { Length: > 0 } && JsonInput.String(body["first_name"]) is not { Length: > 0 })
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, "Name must be given.");
            }

            if (Apply(person, body) is { } error)
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, error);
            }

            store.AddPerson(person);
            var fields = store.CustomFieldsOf(companyId).ToList();
            change = new EntityChange(companyId, "person", "create", person.Id, actorUserId, source, store.Now,
                EntityJson.PersonWebhook(person, fields), null, EntityJson.PersonV1(person, fields), null);
            data = EntityJson.PersonV2(person, fields);
        }

        dispatcher.Publish(change);
        return WriteResult.Ok(data);
    }

    public WriteResult Update(long? companyId, long personId, JsonObject body, long? actorUserId, string source)
    {
        EntityChange? change = null;
        JsonObject data;
        lock (store.Gate)
        {
            if (Find(companyId, personId) is not { } person)
            {
                return WriteResult.NotFound();
            }

            var fields = store.CustomFieldsOf(person.CompanyId).ToList();
            var before = EntityJson.PersonWebhook(person, fields);
            var beforeV1 = EntityJson.PersonV1(person, fields);
            var updated = Clone(person);
            if (Apply(updated, body) is { } error)
            {
                return WriteResult.Fail(StatusCodes.Status400BadRequest, error);
            }

            var after = EntityJson.PersonWebhook(updated, fields);
            var previous = EntityChange.ChangedFields(before, after);
            if (previous is not null)
            {
                Copy(updated, person);
                person.UpdateTime = store.Now;
                var actor = actorUserId ?? store.AdminOf(person.CompanyId).Id;
                change = new EntityChange(person.CompanyId, "person", "change", person.Id, actor, source, store.Now,
                    EntityJson.PersonWebhook(person, fields), previous, EntityJson.PersonV1(person, fields), beforeV1);
            }

            data = EntityJson.PersonV2(person, fields);
        }

        if (change is not null)
        {
            dispatcher.Publish(change);
        }

        return WriteResult.Ok(data);
    }

    public WriteResult Delete(long? companyId, long personId, long? actorUserId, string source)
    {
        EntityChange change;
        lock (store.Gate)
        {
            if (Find(companyId, personId) is not { } person)
            {
                return WriteResult.NotFound();
            }

            change = DeleteLocked(person, actorUserId, source, null);
        }

        dispatcher.Publish(change);
        return WriteResult.Ok(new JsonObject { ["id"] = personId });
    }

    /// <summary>
    /// Merges <paramref name="fromId"/> into <paramref name="toId"/>: the survivor keeps its values and takes the
    /// other's emails, phones and unset custom fields. Emits a delete (with <c>merged_to_id</c>) and a change
    /// (with <c>merged_from_id</c>), as Pipedrive's webhooks v2 do.
    /// </summary>
    public WriteResult Merge(long? companyId, long fromId, long toId, long? actorUserId, string source)
    {
        EntityChange deleted;
        EntityChange changed;
        JsonObject data;
        lock (store.Gate)
        {
            if (fromId == toId || Find(companyId, fromId) is not { } from || Find(companyId, toId) is not { } to || from.CompanyId != to.CompanyId)
            {
                return WriteResult.Fail(StatusCodes.Status404NotFound, "Both persons must exist in the same company and differ.");
            }

            var fields = store.CustomFieldsOf(to.CompanyId).ToList();
            var actor = actorUserId ?? store.AdminOf(to.CompanyId).Id;
            var before = EntityJson.PersonWebhook(to, fields);
            var beforeV1 = EntityJson.PersonV1(to, fields);
            deleted = DeleteLocked(from, actor, source, to.Id);
            to.Emails.AddRange(from.Emails.Where(e => !to.Emails.Any(t => string.Equals(t.Value, e.Value, StringComparison.OrdinalIgnoreCase)))
                .Select(e => e with { Primary = false }));
            to.Phones.AddRange(from.Phones.Where(p => !to.Phones.Any(t => t.Value == p.Value)).Select(p => p with { Primary = false }));
            foreach (var (key, value) in from.CustomFields.Where(f => f.Value is not null && to.CustomFields.GetValueOrDefault(f.Key) is null))
            {
                to.CustomFields[key] = value?.DeepClone();
            }

            to.OrgId ??= from.OrgId;
            foreach (var deal in store.Deals.Where(d => d.PersonId == from.Id))
            {
                deal.PersonId = to.Id;
            }

            to.UpdateTime = store.Now;
            var after = EntityJson.PersonWebhook(to, fields);
            changed = new EntityChange(to.CompanyId, "person", "change", to.Id, actor, source, store.Now,
                after, EntityChange.ChangedFields(before, after) ?? new JsonObject(), EntityJson.PersonV1(to, fields), beforeV1)
            {
                MergedFromId = from.Id,
            };
            data = EntityJson.PersonV2(to, fields);
        }

        dispatcher.Publish(deleted);
        dispatcher.Publish(changed);
        return WriteResult.Ok(data);
    }

    /// <summary>Applies an API v2 person body; returns an error message (and leaves the person half-changed) when invalid.</summary>
    public string? Apply(Person person, JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "name":
                    person.Name = JsonInput.String(value) ?? person.Name;
                    break;
                case "first_name":
                    person.FirstName = JsonInput.String(value);
                    break;
                case "last_name":
                    person.LastName = JsonInput.String(value);
                    break;
                case "owner_id":
                    if (JsonInput.Int64(value) is not { } owner || store.FindUser(owner) is not { } user || user.CompanyId != person.CompanyId)
                    {
                        return "Invalid owner_id.";
                    }

                    person.OwnerId = owner;
                    break;
                case "org_id":
                    if (JsonInput.IsNull(value))
                    {
                        person.OrgId = null;
                    }
                    else if (JsonInput.Int64(value) is { } org && store.FindOrganization(org) is { IsDeleted: false } organization
                             && organization.CompanyId == person.CompanyId)
                    {
                        person.OrgId = org;
                    }
                    else
                    {
                        return "Invalid org_id.";
                    }

                    break;
                case "emails":
                case "phones":
                    if (ContactValues(value) is not { } values)
                    {
                        return $"Invalid {key}.";
                    }

                    if (key == "emails")
                    {
                        person.Emails = values;
                    }
                    else
                    {
                        person.Phones = values;
                    }

                    break;
                case "visible_to":
                    person.VisibleTo = (int)(JsonInput.Int64(value) ?? person.VisibleTo);
                    break;
                case "label_ids":
                    person.LabelIds = value is JsonArray labels ? [.. labels.Select(JsonInput.Int64).OfType<long>()] : [];
                    break;
                case "custom_fields":
                    if (value is not JsonObject custom)
                    {
                        return "custom_fields must be an object.";
                    }

                    if (ApplyCustomFields(person.CompanyId, person.CustomFields, custom) is { } error)
                    {
                        return error;
                    }

                    break;
            }
        }

        if ((body.ContainsKey("first_name") || body.ContainsKey("last_name")) && !body.ContainsKey("name"))
        {
            person.Name = string.Join(' ', new[] { person.FirstName, person.LastName }.Where(n => !string.IsNullOrEmpty(n)));
        }
        else if (body.ContainsKey("name") && !body.ContainsKey("first_name") && !body.ContainsKey("last_name"))
        {
            var parts = person.Name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            person.FirstName = parts.Length > 0 ? parts[0] : null;
            person.LastName = parts.Length > 1 ? parts[1] : null;
        }

        return null;
    }

    /// <summary>Validates and stores custom field values; unknown (e.g. deleted) keys are ignored, as Pipedrive does.</summary>
    public string? ApplyCustomFields(long companyId, Dictionary<string, JsonNode?> target, JsonObject values)
    {
        var fields = store.CustomFieldsOf(companyId).ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!fields.TryGetValue(key, out var field))
            {
                continue;
            }

            if (JsonInput.IsNull(value))
            {
                target[key] = null;
                continue;
            }

            switch (field.FieldType)
            {
                case "enum":
                    if (JsonInput.Int64(value) is not { } option || field.Options.All(o => o.Id != option))
                    {
                        return $"Invalid option id for custom field {key}.";
                    }

                    target[key] = option;
                    break;
                case "set":
                    var ids = value is JsonArray array ? array.Select(JsonInput.Int64).ToList() : [JsonInput.Int64(value)];
                    if (ids.Count == 0 || ids.Any(id => id is null || field.Options.All(o => o.Id != id)))
                    {
                        return $"Invalid option ids for custom field {key}.";
                    }

                    target[key] = new JsonArray([.. ids.Select(id => (JsonNode)id!.Value)]);
                    break;
                case "double" or "monetary":
                    if (JsonInput.Decimal(value) is not { } number)
                    {
                        return $"Custom field {key} expects a number.";
                    }

                    target[key] = number;
                    break;
                default:
                    target[key] = value!.DeepClone();
                    break;
            }
        }

        return null;
    }

    private static List<ContactValue>? ContactValues(JsonNode? node)
    {
        if (JsonInput.IsNull(node))
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            return null;
        }

        var values = new List<ContactValue>();
        foreach (var item in array)
        {
            var value = item is JsonObject entry ? JsonInput.String(entry["value"]) : JsonInput.String(item);
            if (value is null)
            {
                return null;
            }

            var primary = item is JsonObject withPrimary && withPrimary["primary"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True;
            var label = (item as JsonObject)?["label"] is { } labelNode ? JsonInput.String(labelNode) ?? "work" : "work";
            values.Add(new ContactValue(value, primary, label));
        }

        if (values.Count > 0 && !values.Any(v => v.Primary))
        {
            values[0] = values[0] with { Primary = true };
        }

        return values;
    }

    private Person? Find(long? companyId, long personId) =>
        store.FindPerson(personId) is { IsDeleted: false } person && (companyId is null || person.CompanyId == companyId) ? person : null;

    private EntityChange DeleteLocked(Person person, long? actorUserId, string source, long? mergedToId)
    {
        var fields = store.CustomFieldsOf(person.CompanyId).ToList();
        var last = EntityJson.PersonWebhook(person, fields);
        var lastV1 = EntityJson.PersonV1(person, fields);
        person.IsDeleted = true;
        person.UpdateTime = store.Now;
        var actor = actorUserId ?? store.AdminOf(person.CompanyId).Id;
        return new EntityChange(person.CompanyId, "person", "delete", person.Id, actor, source, store.Now, null, last, null, lastV1)
        {
            MergedToId = mergedToId,
        };
    }

    private static Person Clone(Person person)
    {
        var clone = JsonSerializer.Deserialize<Person>(JsonSerializer.Serialize(person, CloneJson), CloneJson)!;
        clone.CustomFields = new Dictionary<string, JsonNode?>(clone.CustomFields, StringComparer.Ordinal);
        return clone;
    }

    private static void Copy(Person from, Person to)
    {
        to.Name = from.Name;
        to.FirstName = from.FirstName;
        to.LastName = from.LastName;
        to.OwnerId = from.OwnerId;
        to.OrgId = from.OrgId;
        to.Emails = from.Emails;
        to.Phones = from.Phones;
        to.VisibleTo = from.VisibleTo;
        to.LabelIds = from.LabelIds;
        to.CustomFields = from.CustomFields;
    }
}
