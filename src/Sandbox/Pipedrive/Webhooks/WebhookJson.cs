using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Pipedrive.Model;
using PipedriveMaileon.Sandbox.Pipedrive.Wire;

namespace PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

/// <summary>A webhook as <c>/v1/webhooks</c> returns it (with the password, as Pipedrive does) or masked for the control API.</summary>
public static class WebhookJson
{
    public const string Mask = "***";

    public static JsonObject Describe(Webhook webhook, DateTimeOffset now, bool maskPassword) => new()
    {
        ["id"] = webhook.Id,
        ["company_id"] = webhook.CompanyId,
        ["owner_id"] = webhook.OwnerId,
        ["user_id"] = webhook.UserId,
        ["event_action"] = webhook.EventAction,
        ["event_object"] = webhook.EventObject,
        ["subscription_url"] = webhook.SubscriptionUrl,
        ["version"] = webhook.Version,
        ["is_active"] = webhook.IsBanned(now) ? 0 : 1,
        ["add_time"] = PipedriveTime.Millis(webhook.AddTime),
        ["remove_time"] = null,
        ["type"] = webhook.Type,
        ["http_auth_user"] = webhook.HttpAuthUser,
        ["http_auth_password"] = maskPassword && webhook.HttpAuthPassword is not null ? Mask : webhook.HttpAuthPassword,
        ["remove_reason"] = null,
        ["last_delivery_time"] = PipedriveTime.Millis(webhook.LastDeliveryTime),
        ["last_http_status"] = webhook.LastHttpStatus,
        ["admin_id"] = webhook.OwnerId,
        ["name"] = webhook.Name,
    };
}
