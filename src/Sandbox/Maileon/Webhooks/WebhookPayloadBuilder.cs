using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>
/// Builds a webhook call as Maileon does: the registered URL with the <c>urlParams</c> appended (standard field
/// values, custom field values or constants) and a flat JSON object of the chosen standard, custom and event fields
/// (no body at all when none are chosen). No signature.
/// </summary>
public sealed class WebhookPayloadBuilder(MaileonStore store)
{
    public WebhookCall Build(long generation, Webhook webhook, WebhookTrigger trigger)
    {
        var url = new StringBuilder(webhook.Url);
        var separator = webhook.Url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var parameter in webhook.UrlParams)
        {
            var value = parameter.CustomValue
                ?? (parameter.StandardContactField is { } standard ? ContactValue(trigger, standard)
                    : parameter.CustomContactField is { } custom ? trigger.CustomFields.GetValueOrDefault(custom) : null)
                ?? string.Empty;
            url.Append(separator).Append(Uri.EscapeDataString(parameter.Name)).Append('=').Append(Encode(value));
            separator = '&';
        }

        var body = new JsonObject();
        foreach (var field in webhook.StandardFields)
        {
            body[field] = ContactValue(trigger, field) is { } value ? JsonValue.Create(value) : null;
        }

        foreach (var field in webhook.CustomFields)
        {
            body[field] = trigger.CustomFields.GetValueOrDefault(field) is { } value ? JsonValue.Create(value) : null;
        }

        foreach (var field in webhook.EventFields)
        {
            body[field] = trigger.EventValues.GetValueOrDefault(field)?.DeepClone();
        }

        return new WebhookCall(generation, webhook.Id, webhook.AccountId, webhook.Event, trigger.ContactId, url.ToString(),
            body.Count == 0 ? null : body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    private static string? ContactValue(WebhookTrigger trigger, string field) => field.ToLowerInvariant() switch
    {
        "email" => trigger.Email,
        "external_id" => trigger.ExternalId,
        "id" => trigger.ContactId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        var other => trigger.StandardFields.GetValueOrDefault(other.ToUpperInvariant()),
    };

    private string Encode(string value)
    {
        var escaped = Uri.EscapeDataString(value);
        return store.Behaviour.WebhookUrlKeepsRawPlus ? escaped.Replace("%2B", "+", StringComparison.Ordinal) : escaped;
    }
}
