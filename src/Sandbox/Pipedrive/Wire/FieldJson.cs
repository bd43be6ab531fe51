using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.Pipedrive.Wire;

/// <summary>Person fields as <c>/v1/personFields</c> (<c>key</c>) and <c>/api/v2/personFields</c> (<c>field_code</c>) return them.</summary>
public static class FieldJson
{
    public static JsonObject V1(PersonField field) => new()
    {
        ["id"] = field.Id,
        ["key"] = field.Key,
        ["name"] = field.Name,
        ["order_nr"] = field.OrderNr,
        ["field_type"] = field.FieldType,
        ["add_time"] = PipedriveTime.V1(field.AddTime),
        ["update_time"] = PipedriveTime.V1(field.UpdateTime),
        ["last_updated_by_user_id"] = field.CreatedByUserId,
        ["created_by_user_id"] = field.CreatedByUserId,
        ["active_flag"] = true,
        ["edit_flag"] = field.IsCustom,
        ["index_visible_flag"] = true,
        ["details_visible_flag"] = true,
        ["add_visible_flag"] = field.AddVisibleFlag,
        ["important_flag"] = false,
        ["bulk_edit_allowed"] = true,
        ["searchable_flag"] = false,
        ["filtering_allowed"] = true,
        ["sortable_flag"] = true,
        ["mandatory_flag"] = false,
        ["options"] = field.HasOptions ? Options(field) : null,
    };

    public static JsonObject V2(PersonField field) => new()
    {
        ["field_name"] = field.Name,
        ["field_code"] = field.Key,
        ["description"] = null,
        ["field_type"] = field.FieldType,
        ["options"] = field.HasOptions ? Options(field) : null,
        ["subfields"] = null,
        ["is_custom_field"] = field.IsCustom,
        ["is_optional_response_field"] = false,
        ["ui_visibility"] = new JsonObject
        {
            ["add_visible_flag"] = field.AddVisibleFlag,
            ["details_visible_flag"] = true,
            ["show_in_add_deal_dialog"] = new JsonObject { ["show"] = false, ["order"] = null },
        },
        ["important_fields"] = new JsonObject { ["enabled"] = false, ["stage_ids"] = new JsonArray() },
        ["required_fields"] = new JsonObject { ["enabled"] = false },
    };

    private static JsonArray Options(PersonField field) =>
        new([.. field.Options.Select(o => (JsonNode)new JsonObject { ["id"] = o.Id, ["label"] = o.Label })]);
}
