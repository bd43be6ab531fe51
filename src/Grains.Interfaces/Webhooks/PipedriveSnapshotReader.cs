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
    public static PersonSnapshot Person(JsonElement obj, long entityId, int version, JsonPath path)
    {
        var id = CheckId(obj, entityId, path);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var custom = new Dictionary<string, PersonFieldValue>(StringComparer.Ordinal);
        var sent = default(PersonProperties);
        foreach (var property in obj.EnumerateObject())
        {
            if (version == 1 && IsFieldKey(property.Name))
            {
                present.Add("custom_fields");
                custom[property.Name] = V1FieldValue(obj, property, path.Property(property.Name));
                continue;
            }

            present.Add(version == 1 ? V1PersonName(property.Name) : property.Name);
            sent.Note(property.Name, property.Value);
        }

        if (version == 2 || PersonProperties.Sent(sent.CustomFields))
        {
            ReadTypedCustomFields(sent.CustomFields, path, custom);
        }

        var (emails, primary) = PersonProperties.Sent(sent.Emails)
            ? ReadEmails(sent.Emails, path.Property("emails"))
            : ReadEmails(sent.Email, path.Property("email"));
        return new PersonSnapshot
        {
            Id = id,
            Name = WebhookJson.TextOf(sent.Name, path.Property("name")),
            FirstName = WebhookJson.TextOf(sent.FirstName, path.Property("first_name")),
            LastName = WebhookJson.TextOf(sent.LastName, path.Property("last_name")),
            Emails = emails,
            PrimaryEmail = primary,
            OwnerId = WebhookJson.IdOf(sent.OwnerId, path.Property("owner_id")),
            OrgId = WebhookJson.IdOf(sent.OrgId, path.Property("org_id")),
            UpdateTime = WebhookTimestamps.TimestampOf(sent.UpdateTime, path.Property("update_time")),
            CustomFields = custom,
            PresentFields = present,
            StandardFields = sent.StandardFields(),
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

        var ownerName = version == 1 && !WebhookJson.Has(obj, "owner_id") ? "user_id" : "owner_id";
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

    private static string? EmbeddedName(JsonElement obj, string name) => EmbeddedName(WebhookJson.Sent(obj, name));

    /// <summary>The <c>name</c> of a v1 embedded object (such as <c>org_id</c>: <c>{"value": 5, "name": "Acme"}</c>).</summary>
    public static string? EmbeddedName(JsonElement sent) =>
        sent.ValueKind == JsonValueKind.Object ? WebhookJson.LenientText(WebhookJson.Get(sent, "name")) : null;

    private static (IReadOnlyList<string> Emails, string? Primary) ReadEmails(JsonElement sent, JsonPath path)
    {
        if (WebhookJson.Present(sent) is not { } value)
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
}
