using System.Text.Json;
using static PipedriveMaileon.Grains.Interfaces.Webhooks.PipedriveFieldValueReader;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Turns a webhook's person or deal object (v2 <c>data</c>/<c>previous</c>, v1 <c>current</c>/<c>previous</c>) into
/// a snapshot with v2 names. v1 names are mapped (<c>email</c> → <c>emails</c>, root-level 40-hex custom field keys →
/// <c>custom_fields</c>, deal <c>user_id</c> → <c>owner_id</c>, <c>cc_email</c> → <c>smart_bcc_email</c>).
/// </summary>
internal static class PipedriveSnapshotReader
{
    /// <summary>Standard person fields kept as text for the extras an admin may choose (v1 field keys).</summary>
    private static readonly string[] TextExtras = ["job_title", "birthday", "postal_address", "marketing_status", "org_name", "owner_name"];

    public static PersonSnapshot Person(JsonElement obj, long entityId, int version, JsonPath path)
    {
        var id = CheckId(obj, entityId, path);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var custom = new Dictionary<string, PersonFieldValue>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (version == 1 && IsFieldKey(property.Name))
            {
                present.Add("custom_fields");
                custom[property.Name] = V1FieldValue(obj, property, path.Property(property.Name));
                continue;
            }

            present.Add(version == 1 ? V1PersonName(property.Name) : property.Name);
        }

        if (version == 2 || JsonWebhookHas(obj, "custom_fields"))
        {
            ReadTypedCustomFields(obj, path, custom);
        }

        var emailsName = JsonWebhookHas(obj, "emails") ? "emails" : "email";
        var (emails, primary) = ReadEmails(obj, emailsName, path.Property(emailsName));
        return new PersonSnapshot
        {
            Id = id,
            Name = WebhookJson.Text(obj, "name", path.Property("name")),
            FirstName = WebhookJson.Text(obj, "first_name", path.Property("first_name")),
            LastName = WebhookJson.Text(obj, "last_name", path.Property("last_name")),
            Emails = emails,
            PrimaryEmail = primary,
            OwnerId = WebhookJson.Id(obj, "owner_id", path.Property("owner_id")),
            OrgId = WebhookJson.Id(obj, "org_id", path.Property("org_id")),
            UpdateTime = WebhookTimestamps.Timestamp(obj, "update_time", path.Property("update_time")),
            CustomFields = custom,
            PresentFields = present,
            StandardFields = PersonExtras(obj),
        };
    }

    public static DealSnapshot Deal(JsonElement obj, long entityId, int version, JsonPath path)
    {
        var id = CheckId(obj, entityId, path);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            present.Add(version == 1 ? V1DealName(property.Name) : property.Name);
        }

        var ownerName = version == 1 && !JsonWebhookHas(obj, "owner_id") ? "user_id" : "owner_id";
        return new DealSnapshot
        {
            Id = id,
            Title = WebhookJson.Text(obj, "title", path.Property("title")),
            Value = WebhookJson.Decimal(obj, "value", path.Property("value")),
            Currency = WebhookJson.Text(obj, "currency", path.Property("currency")),
            Status = WebhookJson.Text(obj, "status", path.Property("status")),
            PersonId = WebhookJson.Id(obj, "person_id", path.Property("person_id")),
            OrgId = WebhookJson.Id(obj, "org_id", path.Property("org_id")),
            OwnerId = WebhookJson.Id(obj, ownerName, path.Property(ownerName)),
            ExpectedCloseDate = WebhookTimestamps.Date(obj, "expected_close_date", path.Property("expected_close_date")),
            UpdateTime = WebhookTimestamps.Timestamp(obj, "update_time", path.Property("update_time")),
            SmartBccEmail = WebhookJson.Text(obj, "smart_bcc_email", path.Property("smart_bcc_email"))
                ?? WebhookJson.Text(obj, "cc_email", path.Property("cc_email")),
            PersonName = WebhookJson.Text(obj, "person_name", path.Property("person_name")) ?? EmbeddedName(obj, "person_id"),
            OrgName = WebhookJson.Text(obj, "org_name", path.Property("org_name")) ?? EmbeddedName(obj, "org_id"),
            OwnerName = WebhookJson.Text(obj, "owner_name", path.Property("owner_name")) ?? EmbeddedName(obj, ownerName),
            PresentFields = present,
        };
    }

    /// <summary>The object's own id when it carries one (it must match the envelope), else the envelope's.</summary>
    private static long CheckId(JsonElement obj, long entityId, JsonPath path)
    {
        var id = WebhookJson.Id(obj, "id", path.Property("id"), allowObject: false);
        return id is null || id == entityId
            ? entityId
            : throw new WebhookFormatException($"{path}.id {id} does not match the entity id {entityId} in meta.");
    }

    private static bool JsonWebhookHas(JsonElement obj, string name) => WebhookJson.Has(obj, name);

    /// <summary>A custom field key: the 40-hex hash Pipedrive gives each custom field.</summary>
    public static bool IsFieldKey(string name) => name.Length == 40 && name.All(char.IsAsciiHexDigitLower);

    private static string V1PersonName(string name) => name switch
    {
        "email" => "emails",
        "phone" => "phones",
        "im" => "ims",
        _ => name,
    };

    private static string V1DealName(string name) => name switch
    {
        "user_id" => "owner_id",
        "cc_email" => "smart_bcc_email",
        _ when IsFieldKey(name) => "custom_fields",
        _ => name,
    };

    private static string? EmbeddedName(JsonElement obj, string name) =>
        WebhookJson.Get(obj, name) is { ValueKind: JsonValueKind.Object } embedded
            ? WebhookJson.LenientText(WebhookJson.Get(embedded, "name"))
            : null;

    private static (IReadOnlyList<string> Emails, string? Primary) ReadEmails(JsonElement obj, string name, JsonPath path)
    {
        if (WebhookJson.Get(obj, name) is not { } value)
        {
            return ([], null);
        }

        // A single address as plain text (seen in v1 API writes) counts as a one-item list.
        if (value.ValueKind == JsonValueKind.String)
        {
            var single = value.GetString()!.Trim();
            return single.Length == 0 ? ([], null) : ([single], single);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new WebhookFormatException($"{path} must be an array, not {WebhookJson.KindName(value.ValueKind)}.");
        }

        var emails = new List<string>();
        string? primary = null;
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = path.Item(index++);
            string? address;
            var isPrimary = false;
            switch (item.ValueKind)
            {
                case JsonValueKind.Null:
                    continue;
                case JsonValueKind.String:
                    address = item.GetString();
                    break;
                case JsonValueKind.Object:
                    address = WebhookJson.Text(item, "value", itemPath.Property("value"));
                    isPrimary = WebhookJson.Flag(item, "primary", itemPath.Property("primary")) ?? false;
                    break;
                default:
                    throw new WebhookFormatException($"{itemPath} must be an object with a value, not {WebhookJson.KindName(item.ValueKind)}.");
            }

            address = address?.Trim();
            if (string.IsNullOrEmpty(address))
            {
                continue;
            }

            emails.Add(address);
            if (isPrimary)
            {
                primary ??= address;
            }
        }

        return (emails, primary ?? emails.FirstOrDefault());
    }

    private static Dictionary<string, string?> PersonExtras(JsonElement obj)
    {
        var extras = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in TextExtras)
        {
            if (WebhookJson.Has(obj, name))
            {
                extras[name] = WebhookJson.LenientText(WebhookJson.Get(obj, name));
            }
        }

        // Embedded v1 objects carry the names that v2 dropped.
        if (!extras.ContainsKey("org_name") && EmbeddedName(obj, "org_id") is { } orgName)
        {
            extras["org_name"] = orgName;
        }

        if (!extras.ContainsKey("owner_name") && EmbeddedName(obj, "owner_id") is { } ownerName)
        {
            extras["owner_name"] = ownerName;
        }

        var phonesName = WebhookJson.Has(obj, "phones") ? "phones" : WebhookJson.Has(obj, "phone") ? "phone" : null;
        if (phonesName is not null)
        {
            extras["phone"] = PrimaryValue(WebhookJson.Get(obj, phonesName));
        }

        if (WebhookJson.Has(obj, "label_ids"))
        {
            extras["label"] = WebhookJson.Get(obj, "label_ids") is { ValueKind: JsonValueKind.Array } labels
                ? NullIfEmpty(string.Join(",", labels.EnumerateArray().Select(l => WebhookJson.LenientText(l)).OfType<string>()))
                : WebhookJson.LenientText(WebhookJson.Get(obj, "label_ids"));
        }
        else if (WebhookJson.Has(obj, "label"))
        {
            extras["label"] = WebhookJson.LenientText(WebhookJson.Get(obj, "label"));
        }

        return extras;
    }

    /// <summary>The primary (else first non-empty) value of a v1/v2 list of <c>{value, primary}</c> items.</summary>
    private static string? PrimaryValue(JsonElement? list)
    {
        if (list is not { ValueKind: JsonValueKind.Array } items)
        {
            return WebhookJson.LenientText(list);
        }

        string? first = null;
        foreach (var item in items.EnumerateArray())
        {
            var value = WebhookJson.LenientText(item)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (item.ValueKind == JsonValueKind.Object && WebhookJson.Get(item, "primary") is { ValueKind: JsonValueKind.True })
            {
                return value;
            }

            first ??= value;
        }

        return first;
    }
}
