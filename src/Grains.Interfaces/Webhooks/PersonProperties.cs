using System.Text.Json;
using static PipedriveMaileon.Grains.Interfaces.Webhooks.PipedriveFieldValueReader;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// The top-level values of a person object that <see cref="PipedriveSnapshotReader"/> reads, picked up in the one pass
/// that lists the object's properties anyway: a lookup by name scans every property (and a miss all of them), and a
/// person was looked up about 25 times. A value not sent stays <see cref="JsonValueKind.Undefined"/>; the loader
/// refuses duplicate names, so each slot is set at most once.
/// </summary>
internal struct PersonProperties
{
    public JsonElement Id;
    public JsonElement Name;
    public JsonElement FirstName;
    public JsonElement LastName;
    public JsonElement Emails;
    public JsonElement Email;
    public JsonElement OwnerId;
    public JsonElement OrgId;
    public JsonElement UpdateTime;
    public JsonElement CustomFields;
    public JsonElement Phones;
    public JsonElement Phone;
    public JsonElement LabelIds;
    public JsonElement Label;
    public JsonElement JobTitle;
    public JsonElement Birthday;
    public JsonElement PostalAddress;
    public JsonElement MarketingStatus;
    public JsonElement OrgName;
    public JsonElement OwnerName;

    /// <summary>Keeps <paramref name="value"/> when <paramref name="name"/> (as sent, v1 or v2) is one the reader uses.</summary>
    public void Note(string name, JsonElement value)
    {
        switch (name)
        {
            case "id": Id = value; break;
            case "name": Name = value; break;
            case "first_name": FirstName = value; break;
            case "last_name": LastName = value; break;
            case "emails": Emails = value; break;
            case "email": Email = value; break;
            case "owner_id": OwnerId = value; break;
            case "org_id": OrgId = value; break;
            case "update_time": UpdateTime = value; break;
            case "custom_fields": CustomFields = value; break;
            case "phones": Phones = value; break;
            case "phone": Phone = value; break;
            case "label_ids": LabelIds = value; break;
            case "label": Label = value; break;
            case "job_title": JobTitle = value; break;
            case "birthday": Birthday = value; break;
            case "postal_address": PostalAddress = value; break;
            case "marketing_status": MarketingStatus = value; break;
            case "org_name": OrgName = value; break;
            case "owner_name": OwnerName = value; break;
        }
    }

    public static bool Sent(JsonElement value) => value.ValueKind != JsonValueKind.Undefined;

    /// <summary>The standard fields an admin may choose as extras, by wire name, as text.</summary>
    public readonly Dictionary<string, string?> StandardFields()
    {
        // In the order of the standard fields an admin may choose (v1 field keys).
        var extras = new Dictionary<string, string?>(StringComparer.Ordinal);
        AddText(extras, "job_title", JobTitle);
        AddText(extras, "birthday", Birthday);
        AddText(extras, "postal_address", PostalAddress);
        AddText(extras, "marketing_status", MarketingStatus);
        AddText(extras, "org_name", OrgName);
        AddText(extras, "owner_name", OwnerName);

        // Embedded v1 objects carry the names that v2 dropped.
        if (!extras.ContainsKey("org_name") && PipedriveSnapshotReader.EmbeddedName(OrgId) is { } orgName)
        {
            extras["org_name"] = orgName;
        }

        if (!extras.ContainsKey("owner_name") && PipedriveSnapshotReader.EmbeddedName(OwnerId) is { } ownerName)
        {
            extras["owner_name"] = ownerName;
        }

        var phones = Sent(Phones) ? Phones : Phone;
        if (Sent(phones))
        {
            extras["phone"] = PrimaryValue(WebhookJson.Present(phones));
        }

        if (Sent(LabelIds))
        {
            extras["label"] = LabelIds is { ValueKind: JsonValueKind.Array } labels
                ? NullIfEmpty(string.Join(",", labels.EnumerateArray().Select(l => WebhookJson.LenientText(l)).OfType<string>()))
                : WebhookJson.LenientText(WebhookJson.Present(LabelIds));
        }
        else if (Sent(Label))
        {
            extras["label"] = WebhookJson.LenientText(WebhookJson.Present(Label));
        }

        return extras;
    }

    private static void AddText(Dictionary<string, string?> extras, string name, JsonElement sent)
    {
        if (Sent(sent))
        {
            extras[name] = WebhookJson.LenientText(WebhookJson.Present(sent));
        }
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
