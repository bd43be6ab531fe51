using System.Globalization;
using System.Text.Json;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// A person read from the API (v2) as the <see cref="PersonSnapshot"/> the contact grain understands, so a person the
/// app read itself (the grain's own read, reconciliation) merges exactly like one a webhook delivered.
/// API v2 sends custom fields as raw values whose type the value alone does not tell (an enum option id and a
/// number look the same), so the field types the tenant knows are passed in: <c>enum</c> → <see cref="PersonFieldValue.OptionId"/>,
/// <c>set</c> → <see cref="PersonFieldValue.OptionIds"/>, everything else → <see cref="PersonFieldValue.Text"/>
/// (monetary with <see cref="PersonFieldValue.Currency"/>). A field of unknown type keeps arrays as option ids and
/// everything else as text, which the contact mapper reads for any type. Never throws on an odd value.
/// </summary>
public static class PipedrivePersonSnapshots
{
    /// <summary>The top-level fields every API v2 person carries (so their absence means "empty", not "unknown").</summary>
    private static readonly string[] ApiPersonFields = ["name", "first_name", "last_name", "emails", "owner_id", "org_id", "update_time"];

    /// <summary>The field types the tenant's settings know: the Newsletter field (enum) and the chosen extras.</summary>
    public static IReadOnlyDictionary<string, string> FieldTypes(TenantConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var extra in connection.ExtraFields)
        {
            types[extra.PipedriveKey] = extra.PipedriveFieldType;
        }

        if (connection.NewsletterField is { } newsletter)
        {
            types[newsletter.Key] = "enum";
        }

        return types;
    }

    public static PersonSnapshot FromApi(PipedrivePerson person, IReadOnlyDictionary<string, string>? fieldTypes = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        var present = new HashSet<string>(ApiPersonFields, StringComparer.Ordinal);
        var custom = new Dictionary<string, PersonFieldValue>(StringComparer.Ordinal);
        foreach (var (key, raw) in person.CustomFields)
        {
            var type = fieldTypes is not null && fieldTypes.TryGetValue(key, out var known) ? known : null;
            custom[key] = Value(raw, type);
        }

        if (custom.Count > 0)
        {
            present.Add("custom_fields");
        }

        return new PersonSnapshot
        {
            Id = person.Id,
            Name = person.Name,
            FirstName = person.FirstName,
            LastName = person.LastName,
            Emails = person.Emails.Select(e => e.Value).ToList(),
            PrimaryEmail = person.PrimaryEmail,
            OwnerId = person.OwnerId,
            OrgId = person.OrganizationId,
            UpdateTime = person.UpdateTime,
            CustomFields = custom,
            PresentFields = present,
        };
    }

    /// <summary>One raw API v2 custom field value; <paramref name="fieldType"/> is Pipedrive's field type when known.</summary>
    public static PersonFieldValue Value(JsonElement raw, string? fieldType)
    {
        if (raw.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return PersonFieldValue.Empty;
        }

        switch (fieldType)
        {
            case "enum":
                return Id(raw) is { } optionId ? new PersonFieldValue { OptionId = optionId } : PersonFieldValue.Empty;
            case "set":
                return new PersonFieldValue { OptionIds = Ids(raw) };
            case "monetary" when raw.ValueKind == JsonValueKind.Object:
                return NonEmpty(new PersonFieldValue
                {
                    Text = Scalar(Property(raw, "value")),
                    Currency = Scalar(Property(raw, "currency")),
                });
        }

        return raw.ValueKind switch
        {
            JsonValueKind.Array => new PersonFieldValue { OptionIds = Ids(raw) },
            JsonValueKind.Object => NonEmpty(new PersonFieldValue
            {
                // address: value / formatted_address; people, org and user fields: an object with the id.
                Text = Scalar(Property(raw, "value")) ?? Scalar(Property(raw, "formatted_address")) ?? Scalar(Property(raw, "id")),
            }),
            _ => NonEmpty(new PersonFieldValue { Text = Scalar(raw) }),
        };
    }

    private static PersonFieldValue NonEmpty(PersonFieldValue value) => value.IsEmpty && value.Currency is null ? PersonFieldValue.Empty : value;

    private static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : null;

    private static string? Scalar(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString() is { Length: > 0 } s ? s : null,
        { ValueKind: JsonValueKind.Number } number => number.TryGetDecimal(out var d)
            ? d.ToString("0.############################", CultureInfo.InvariantCulture)
            : number.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    /// <summary>An option id: a whole positive number, a string of digits, or an object carrying it as <c>id</c>.</summary>
    private static long? Id(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var whole) && whole > 0:
                return whole;
            case JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                return parsed;
            case JsonValueKind.Object:
                return Property(value, "id") is { } id ? Id(id) : null;
            default:
                return null;
        }
    }

    /// <summary>Option ids from an array (numbers or <c>{"id":..}</c>) or a comma-separated string.</summary>
    private static IReadOnlyList<long> Ids(JsonElement value)
    {
        var ids = new List<long>();
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (Id(item) is { } id)
                    {
                        ids.Add(id);
                    }
                }

                break;
            case JsonValueKind.String:
                foreach (var part in value.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                    {
                        ids.Add(id);
                    }
                }

                break;
            default:
                if (Id(value) is { } single)
                {
                    ids.Add(single);
                }

                break;
        }

        return ids;
    }
}
