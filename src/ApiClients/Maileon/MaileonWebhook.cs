using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>A webhook from <c>GET /webhooks</c>. <see cref="ToString"/> hides the URL's query, which holds our token.</summary>
public sealed class MaileonWebhook
{
    public MaileonWebhook(
        long id,
        long? newsletterAccountId,
        string url,
        string @event,
        IReadOnlyList<MaileonWebhookUrlParameter> urlParams,
        IReadOnlyList<string> standardFields,
        IReadOnlyList<string> customFields,
        IReadOnlyList<string> eventFields)
    {
        Id = id;
        NewsletterAccountId = newsletterAccountId;
        Url = url;
        Event = @event;
        UrlParams = urlParams;
        StandardFields = standardFields;
        CustomFields = customFields;
        EventFields = eventFields;
    }

    public long Id { get; }

    public long? NewsletterAccountId { get; }

    public string Url { get; }

    public string Event { get; }

    public IReadOnlyList<MaileonWebhookUrlParameter> UrlParams { get; }

    public IReadOnlyList<string> StandardFields { get; }

    public IReadOnlyList<string> CustomFields { get; }

    public IReadOnlyList<string> EventFields { get; }

    public override string ToString()
    {
        var query = Url.IndexOf('?', StringComparison.Ordinal);
        return $"MaileonWebhook {{ Id = {Id}, {Event} -> {(query < 0 ? Url : Url[..query])} }}";
    }

    internal static MaileonWebhook Parse(JsonElement item)
    {
        // The partner API nests the body fields under bodySpec; accept both shapes.
        var body = JsonValues.Property(item, "bodySpec") ?? item;
        return new MaileonWebhook(
            id: JsonValues.Int64(item, "id") ?? throw new JsonException("The webhook has no id."),
            newsletterAccountId: JsonValues.Int64(item, "newsletterAccountId") ?? JsonValues.Int64(item, "nlAccountId"),
            url: JsonValues.String(item, "url") ?? "",
            @event: JsonValues.String(item, "event") ?? "",
            urlParams: JsonValues.Array(item, "urlParams")
                .Select(p => new MaileonWebhookUrlParameter(
                    JsonValues.String(p, "name") ?? "",
                    JsonValues.String(p, "standard_contact_field"),
                    JsonValues.String(p, "custom_contact_field"),
                    JsonValues.String(p, "custom_value")))
                .ToArray(),
            standardFields: Strings(body, "standardFields"),
            customFields: Strings(body, "customFields"),
            eventFields: Strings(body, "eventFields"));
    }

    private static string[] Strings(JsonElement obj, string name) =>
        JsonValues.Array(obj, name).Select(JsonValues.AsString).OfType<string>().ToArray();
}
