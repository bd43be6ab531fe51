using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>The app's webhooks (API v1 routes, v2 payloads; scope <c>webhooks:full</c>).</summary>
public sealed partial class PipedriveApiClient
{
    /// <summary><c>GET /api/v1/webhooks</c>: with an app token, only this app's webhooks.</summary>
    public async Task<IReadOnlyList<PipedriveWebhook>> ListWebhooksAsync(PipedriveConnection connection, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(connection, "ListWebhooks", HttpMethod.Get, "/api/v1/webhooks", null, false, false, cancellationToken);
        return JsonValues.Array(document!.RootElement, "data").Select(PipedriveWebhook.Parse).ToArray();
    }

    /// <summary><c>POST /api/v1/webhooks</c> as a v2 webhook. Not repeated on failure: a lost response would stack duplicates.</summary>
    public async Task<PipedriveWebhook> CreateWebhookAsync(
        PipedriveConnection connection,
        PipedriveWebhookDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var body = WriteJson(writer =>
        {
            writer.WriteString("subscription_url", definition.SubscriptionUrl.AbsoluteUri);
            writer.WriteString("event_action", definition.EventAction);
            writer.WriteString("event_object", definition.EventObject);
            writer.WriteString("name", definition.Name);
            if (definition.UserId is { } userId)
            {
                writer.WriteNumber("user_id", userId);
            }

            if (definition.HttpAuthUser is not null)
            {
                writer.WriteString("http_auth_user", definition.HttpAuthUser);
            }

            if (definition.HttpAuthPassword is not null)
            {
                writer.WriteString("http_auth_password", definition.HttpAuthPassword);
            }

            writer.WriteString("version", "2.0");
        });
        using var document = await SendAsync(
            connection, "CreateWebhook", HttpMethod.Post, "/api/v1/webhooks", body, false, false, cancellationToken, definition.HttpAuthPassword);
        return PipedriveWebhook.Parse(Data(document!, "CreateWebhook"));
    }

    /// <summary><c>DELETE /api/v1/webhooks/{id}</c>; false when it was already gone.</summary>
    public async Task<bool> DeleteWebhookAsync(PipedriveConnection connection, long webhookId, CancellationToken cancellationToken = default)
    {
        using var document = await SendAsync(
            connection, "DeleteWebhook", HttpMethod.Delete, $"/api/v1/webhooks/{Id(webhookId)}", null, true, false, cancellationToken);
        return document is not null;
    }
}
