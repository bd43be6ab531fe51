using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// A webhook from <c>/api/v1/webhooks</c>. Use <see cref="IsActive"/>, <see cref="LastHttpStatus"/>,
/// <see cref="RemoveTime"/> and <see cref="RemoveReason"/> for health checks. The Basic-auth password is never read.
/// </summary>
public sealed record PipedriveWebhook(
    long Id,
    long? CompanyId,
    long? OwnerId,
    long? UserId,
    string EventAction,
    string EventObject,
    string SubscriptionUrl,
    string? Version,
    bool IsActive,
    DateTimeOffset? AddTime,
    DateTimeOffset? RemoveTime,
    string? RemoveReason,
    string? Type,
    string? HttpAuthUser,
    DateTimeOffset? LastDeliveryTime,
    int? LastHttpStatus,
    string? Name)
{
    internal static PipedriveWebhook Parse(JsonElement data) => new(
        Id: JsonValues.Int64(data, "id") ?? throw new JsonException("The webhook has no id."),
        CompanyId: JsonValues.Int64(data, "company_id"),
        OwnerId: JsonValues.Int64(data, "owner_id"),
        UserId: JsonValues.Int64(data, "user_id"),
        EventAction: JsonValues.String(data, "event_action") ?? "",
        EventObject: JsonValues.String(data, "event_object") ?? "",
        SubscriptionUrl: JsonValues.String(data, "subscription_url") ?? "",
        Version: JsonValues.String(data, "version"),
        IsActive: JsonValues.Boolean(data, "is_active") ?? false,
        AddTime: JsonValues.Timestamp(data, "add_time"),
        RemoveTime: JsonValues.Timestamp(data, "remove_time"),
        RemoveReason: JsonValues.String(data, "remove_reason"),
        Type: JsonValues.String(data, "type"),
        HttpAuthUser: JsonValues.String(data, "http_auth_user"),
        LastDeliveryTime: JsonValues.Timestamp(data, "last_delivery_time"),
        LastHttpStatus: JsonValues.Int64(data, "last_http_status") is { } status ? (int)status : null,
        Name: JsonValues.String(data, "name"));
}
