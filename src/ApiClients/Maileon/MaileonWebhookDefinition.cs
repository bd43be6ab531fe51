using System.Text.Json;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// The body of <c>POST /webhooks</c>. <see cref="Event"/> is <c>doi</c>, <c>unsubscription</c>, <c>bounce</c>,
/// <c>filtered</c> or <c>contact_field_change</c>. The URL usually carries a secret token, so
/// <see cref="ToString"/> shows it without its query.
/// </summary>
public sealed class MaileonWebhookDefinition
{
    public MaileonWebhookDefinition(
        Uri url,
        string @event,
        IReadOnlyList<MaileonWebhookUrlParameter>? urlParams = null,
        IReadOnlyList<string>? standardFields = null,
        IReadOnlyList<string>? customFields = null,
        IReadOnlyList<string>? eventFields = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(@event);
        Url = url;
        Event = @event;
        UrlParams = urlParams ?? [];
        StandardFields = standardFields ?? [];
        CustomFields = customFields ?? [];
        EventFields = eventFields ?? [];
    }

    public Uri Url { get; }

    public string Event { get; }

    public IReadOnlyList<MaileonWebhookUrlParameter> UrlParams { get; }

    /// <summary>Standard fields in the JSON body, e.g. <c>email</c>, <c>external_id</c>.</summary>
    public IReadOnlyList<string> StandardFields { get; }

    /// <summary>Custom fields in the JSON body (Maileon warns these are not delivered reliably).</summary>
    public IReadOnlyList<string> CustomFields { get; }

    /// <summary>Event fields in the JSON body, e.g. <c>timestamp</c>, <c>msg_id</c>.</summary>
    public IReadOnlyList<string> EventFields { get; }

    public override string ToString() => $"MaileonWebhookDefinition {{ {Event} -> {Url.GetLeftPart(UriPartial.Path)} }}";

    /// <summary>The body in the shape of the docs' "Create Webhook" example (url, event, urlParams, customFields, standardFields, eventFields).</summary>
    internal byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("url", Url.AbsoluteUri);
            writer.WriteString("event", Event);
            writer.WriteStartArray("urlParams");
            foreach (var parameter in UrlParams)
            {
                writer.WriteStartObject();
                WriteNullableString(writer, "custom_contact_field", parameter.CustomContactField);
                WriteNullableString(writer, "standard_contact_field", parameter.StandardContactField);
                WriteNullableString(writer, "custom_value", parameter.CustomValue);
                writer.WriteString("name", parameter.Name);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            WriteStringArray(writer, "customFields", CustomFields);
            WriteStringArray(writer, "standardFields", StandardFields);
            WriteStringArray(writer, "eventFields", EventFields);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The URL carries the tenant's token in its query (and maybe in fixed url parameters): an error that echoes the
    /// request must not leak any of them.
    /// </summary>
    internal string?[] Secrets()
    {
        var queryValues = Url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2) is [_, var value] ? value : null)
            .OfType<string>()
            .SelectMany(value => new[] { value, Uri.UnescapeDataString(value) });
        return [.. queryValues, .. UrlParams.Select(p => p.CustomValue)];
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStringArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
