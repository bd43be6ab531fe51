using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Webhooks Maileon calls us with: list, create, delete.</summary>
public sealed class MaileonWebhooks(MaileonTransport transport)
{
    /// <summary><c>GET /webhooks</c> (JSON; an empty list is <c>[]</c>; docs: "Get Webhooks").</summary>
    public async Task<IReadOnlyList<MaileonWebhook>> ListWebhooksAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        var reply = await transport.SendAsync(
            connection, "ListWebhooks", HttpMethod.Get, "webhooks", null, null, MaileonTransport.JsonMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("ListWebhooks", reply, connection);
        if (string.IsNullOrWhiteSpace(reply.Body))
        {
            return [];
        }

        using var document = MaileonTransport.ParseJson("ListWebhooks", reply);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().Select(MaileonWebhook.Parse).ToArray()
            : throw MaileonTransport.Unexpected("ListWebhooks", "the webhook list is not a JSON array");
    }

    /// <summary>
    /// <c>POST /webhooks</c> (JSON). Maileon documents <c>201</c> with <c>&lt;id&gt;1915&lt;/id&gt;</c>; a JSON
    /// <c>{"id":n}</c> or a bare number is read too. Returns the new id, or null when Maileon sends none. Not repeated
    /// after a lost response.
    /// </summary>
    public async Task<long?> CreateWebhookAsync(
        MaileonConnection connection,
        MaileonWebhookDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var reply = await transport.SendAsync(
            connection, "CreateWebhook", HttpMethod.Post, "webhooks", definition.ToJson(),
            MaileonTransport.JsonMediaType, MaileonTransport.JsonMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("CreateWebhook", reply, connection, definition.Secrets());
        return MaileonXml.CreatedId(reply.Body);
    }

    /// <summary><c>DELETE /webhooks/{id}</c>; false when it was already gone (404).</summary>
    public async Task<bool> DeleteWebhookAsync(MaileonConnection connection, long webhookId, CancellationToken cancellationToken = default)
    {
        var reply = await transport.SendAsync(
            connection, "DeleteWebhook", HttpMethod.Delete, $"webhooks/{webhookId.ToString(CultureInfo.InvariantCulture)}",
            null, null, MaileonTransport.JsonMediaType, true, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return false;
        }

        MaileonTransport.EnsureSuccess("DeleteWebhook", reply, connection);
        return true;
    }
}
