using System.Globalization;
using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.Pipedrive.Wire;

/// <summary>
/// The wire shapes of persons, deals, organizations and users: API v2 (plain ids, RFC 3339, <c>custom_fields</c>
/// with raw values), webhook v2 (typed custom fields, <c>visible_to</c> as string) and v1 (root-level custom fields).
/// </summary>
public static class EntityJson
{
    public static JsonObject PersonV2(Person person, IEnumerable<PersonField> customFields) => new()
    {
        ["id"] = person.Id,
        ["name"] = person.Name,
        ["first_name"] = person.FirstName,
        ["last_name"] = person.LastName,
        ["owner_id"] = person.OwnerId,
        ["org_id"] = person.OrgId,
        ["add_time"] = PipedriveTime.V2(person.AddTime),
        ["update_time"] = PipedriveTime.V2(person.UpdateTime),
        ["emails"] = Values(person.Emails),
        ["phones"] = Values(person.Phones),
        ["is_deleted"] = person.IsDeleted,
        ["visible_to"] = person.VisibleTo,
        ["label_ids"] = new JsonArray([.. person.LabelIds.Select(id => (JsonNode)id)]),
        ["picture_id"] = null,
        ["custom_fields"] = RawCustomFields(person.CustomFields, customFields),
    };

    public static JsonObject PersonWebhook(Person person, IEnumerable<PersonField> customFields) => new()
    {
        ["add_time"] = PipedriveTime.V2(person.AddTime),
        ["custom_fields"] = TypedCustomFields(person.CustomFields, customFields),
        ["emails"] = Values(person.Emails),
        ["first_name"] = person.FirstName,
        ["id"] = person.Id,
        ["label"] = null,
        ["label_ids"] = new JsonArray([.. person.LabelIds.Select(id => (JsonNode)id)]),
        ["last_name"] = person.LastName,
        ["name"] = person.Name,
        ["org_id"] = person.OrgId,
        ["owner_id"] = person.OwnerId,
        ["phones"] = Values(person.Phones),
        ["update_time"] = PipedriveTime.V2(person.UpdateTime),
        ["visible_to"] = person.VisibleTo.ToString(CultureInfo.InvariantCulture),
    };

    public static JsonObject PersonV1(Person person, IEnumerable<PersonField> customFields)
    {
        var json = new JsonObject
        {
            ["id"] = person.Id,
            ["company_id"] = person.CompanyId,
            ["owner_id"] = person.OwnerId,
            ["org_id"] = person.OrgId,
            ["name"] = person.Name,
            ["first_name"] = person.FirstName,
            ["last_name"] = person.LastName,
            ["email"] = Values(person.Emails),
            ["phone"] = Values(person.Phones),
            ["primary_email"] = person.PrimaryEmail,
            ["active_flag"] = !person.IsDeleted,
            ["visible_to"] = person.VisibleTo.ToString(CultureInfo.InvariantCulture),
            ["label_ids"] = new JsonArray([.. person.LabelIds.Select(id => (JsonNode)id)]),
            ["add_time"] = PipedriveTime.V1(person.AddTime),
            ["update_time"] = PipedriveTime.V1(person.UpdateTime),
        };
        AddV1CustomFields(json, person.CustomFields, customFields);
        return json;
    }

    public static JsonObject DealV2(Deal deal, Company? company, bool includeSmartBcc)
    {
        var json = new JsonObject
        {
            ["id"] = deal.Id,
            ["title"] = deal.Title,
            ["creator_user_id"] = deal.CreatorUserId,
            ["owner_id"] = deal.OwnerId,
            ["value"] = deal.Value,
            ["person_id"] = deal.PersonId,
            ["org_id"] = deal.OrgId,
            ["stage_id"] = deal.StageId,
            ["pipeline_id"] = deal.PipelineId,
            ["currency"] = deal.Currency,
            ["archive_time"] = null,
            ["add_time"] = PipedriveTime.V2(deal.AddTime),
            ["update_time"] = PipedriveTime.V2(deal.UpdateTime),
            ["stage_change_time"] = null,
            ["status"] = deal.Status,
            ["is_archived"] = false,
            ["is_deleted"] = deal.IsDeleted,
            ["probability"] = null,
            ["lost_reason"] = null,
            ["visible_to"] = deal.VisibleTo,
            ["close_time"] = PipedriveTime.V2(deal.CloseTime),
            ["won_time"] = PipedriveTime.V2(deal.WonTime),
            ["lost_time"] = PipedriveTime.V2(deal.LostTime),
            ["expected_close_date"] = deal.ExpectedCloseDate,
            ["label_ids"] = new JsonArray(),
            ["origin"] = "ManuallyCreated",
            ["origin_id"] = null,
            ["channel"] = null,
            ["channel_id"] = null,
            ["custom_fields"] = new JsonObject([.. deal.CustomFields.Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone()))]),
        };
        if (includeSmartBcc)
        {
            json["smart_bcc_email"] = SmartBcc(deal, company);
        }

        return json;
    }

    public static JsonObject DealWebhook(Deal deal) => new()
    {
        ["add_time"] = PipedriveTime.V2(deal.AddTime),
        ["archive_time"] = null,
        ["channel"] = null,
        ["channel_id"] = null,
        ["close_time"] = PipedriveTime.V2(deal.CloseTime),
        ["creator_user_id"] = deal.CreatorUserId,
        ["currency"] = deal.Currency,
        ["custom_fields"] = new JsonObject(),
        ["expected_close_date"] = deal.ExpectedCloseDate,
        ["first_won_time"] = PipedriveTime.V2(deal.WonTime),
        ["id"] = deal.Id,
        ["is_archived"] = false,
        ["label_ids"] = new JsonArray(),
        ["lost_reason"] = null,
        ["lost_time"] = PipedriveTime.V2(deal.LostTime),
        ["org_id"] = deal.OrgId,
        ["origin"] = "ManuallyCreated",
        ["origin_id"] = null,
        ["owner_id"] = deal.OwnerId,
        ["person_id"] = deal.PersonId,
        ["pipeline_id"] = deal.PipelineId,
        ["probability"] = null,
        ["stage_change_time"] = null,
        ["stage_id"] = deal.StageId,
        ["status"] = deal.Status,
        ["title"] = deal.Title,
        ["update_time"] = PipedriveTime.V2(deal.UpdateTime),
        ["value"] = deal.Value,
        ["visible_to"] = deal.VisibleTo.ToString(CultureInfo.InvariantCulture),
        ["won_time"] = PipedriveTime.V2(deal.WonTime),
    };

    public static JsonObject DealV1(Deal deal, Company? company) => new()
    {
        ["id"] = deal.Id,
        ["title"] = deal.Title,
        ["value"] = deal.Value,
        ["currency"] = deal.Currency,
        ["status"] = deal.Status,
        ["user_id"] = deal.OwnerId,
        ["creator_user_id"] = deal.CreatorUserId,
        ["person_id"] = deal.PersonId,
        ["org_id"] = deal.OrgId,
        ["stage_id"] = deal.StageId,
        ["pipeline_id"] = deal.PipelineId,
        ["expected_close_date"] = deal.ExpectedCloseDate,
        ["add_time"] = PipedriveTime.V1(deal.AddTime),
        ["update_time"] = PipedriveTime.V1(deal.UpdateTime),
        ["cc_email"] = SmartBcc(deal, company),
        ["active"] = deal.Status == "open",
        ["deleted"] = deal.IsDeleted,
        ["visible_to"] = deal.VisibleTo.ToString(CultureInfo.InvariantCulture),
    };

    public static JsonObject OrganizationV2(Organization organization) => new()
    {
        ["id"] = organization.Id,
        ["name"] = organization.Name,
        ["owner_id"] = organization.OwnerId,
        ["add_time"] = PipedriveTime.V2(organization.AddTime),
        ["update_time"] = PipedriveTime.V2(organization.UpdateTime),
        ["is_deleted"] = organization.IsDeleted,
        ["visible_to"] = 3,
        ["address"] = null,
        ["label_ids"] = new JsonArray(),
        ["custom_fields"] = new JsonObject(),
    };

    public static JsonObject UserV1(User user, Company company, bool withCompany, bool isYou)
    {
        var json = new JsonObject
        {
            ["id"] = user.Id,
            ["name"] = user.Name,
            ["default_currency"] = "EUR",
            ["locale"] = "de_DE",
            ["lang"] = 1,
            ["email"] = user.Email,
            ["phone"] = null,
            ["activated"] = true,
            ["last_login"] = PipedriveTime.V1(user.Created),
            ["created"] = PipedriveTime.V1(user.Created),
            ["modified"] = PipedriveTime.V1(user.Created),
            ["has_created_company"] = user.IsAdmin,
            ["access"] = new JsonArray(
                new JsonObject { ["app"] = "sales", ["admin"] = user.IsAdmin, ["permission_set_id"] = $"ps-sales-{(user.IsAdmin ? "admin" : "regular")}" },
                new JsonObject { ["app"] = "global", ["admin"] = user.IsAdmin, ["permission_set_id"] = $"ps-global-{(user.IsAdmin ? "admin" : "regular")}" }),
            ["active_flag"] = true,
            ["timezone_name"] = "Europe/Berlin",
            ["timezone_offset"] = "+01:00",
            ["role_id"] = 1,
            ["icon_url"] = null,
            ["is_you"] = isYou,
            ["is_deleted"] = false,
            ["is_admin"] = user.IsAdmin ? 1 : 0,
        };
        if (withCompany)
        {
            json["company_id"] = company.Id;
            json["company_name"] = company.Name;
            json["company_domain"] = company.Domain;
            json["company_country"] = company.Country;
            json["company_industry"] = "Software";
            json["language"] = new JsonObject { ["language_code"] = "de", ["country_code"] = "DE" };
        }

        return json;
    }

    /// <summary>The person's custom field values keyed by field key; every active custom field is present (null when unset).</summary>
    public static JsonObject RawCustomFields(IReadOnlyDictionary<string, JsonNode?> values, IEnumerable<PersonField> customFields) =>
        new([.. customFields.Select(f => KeyValuePair.Create(f.Key, values.GetValueOrDefault(f.Key)?.DeepClone()))]);

    /// <summary>Webhook v2 custom fields: <c>{"type":"enum","id":N}</c>, <c>{"type":"set","values":[{"id":N}]}</c>, <c>{"type":"varchar","value":..}</c>.</summary>
    public static JsonObject TypedCustomFields(IReadOnlyDictionary<string, JsonNode?> values, IEnumerable<PersonField> customFields) =>
        new([.. customFields.Select(f => KeyValuePair.Create(f.Key, Typed(f, values.GetValueOrDefault(f.Key))))]);

    private static JsonNode? Typed(PersonField field, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        return field.FieldType switch
        {
            "enum" => new JsonObject { ["type"] = "enum", ["id"] = value.DeepClone() },
            "set" => new JsonObject
            {
                ["type"] = "set",
                ["values"] = new JsonArray([.. (value as JsonArray ?? [value.DeepClone()]).Select(v => (JsonNode)new JsonObject { ["id"] = v?.DeepClone() })]),
            },
            "people" or "user" or "org" => new JsonObject { ["type"] = field.FieldType, ["id"] = value.DeepClone() },
            "text" or "varchar_auto" => new JsonObject { ["type"] = "varchar", ["value"] = value.DeepClone() },
            _ => new JsonObject { ["type"] = field.FieldType, ["value"] = value.DeepClone() },
        };
    }

    private static void AddV1CustomFields(JsonObject json, IReadOnlyDictionary<string, JsonNode?> values, IEnumerable<PersonField> customFields)
    {
        foreach (var field in customFields)
        {
            var value = values.GetValueOrDefault(field.Key);
            json[field.Key] = value switch
            {
                null => null,
                JsonArray array => string.Join(",", array.Select(v => v?.ToJsonString())),
                _ when field.HasOptions => value.ToJsonString().Trim('"'),
                _ => value.DeepClone(),
            };
        }
    }

    private static JsonArray Values(IEnumerable<ContactValue> values) =>
        new([.. values.Select(v => (JsonNode)new JsonObject { ["label"] = v.Label, ["value"] = v.Value, ["primary"] = v.Primary })]);

    private static string SmartBcc(Deal deal, Company? company) =>
        $"{company?.Domain ?? "sandbox"}+deal{deal.Id.ToString(CultureInfo.InvariantCulture)}@pipedrivemail.com";
}
