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
}
