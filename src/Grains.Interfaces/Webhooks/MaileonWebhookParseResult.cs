
namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>What <see cref="MaileonWebhookParser"/> made of a call: a <see cref="MaileonEvent"/>, or a rejection with its reason.</summary>
public sealed class MaileonWebhookParseResult
{
    private MaileonWebhookParseResult(WebhookParseStatus status, MaileonEvent? @event, string? reason)
    {
        Status = status;
        Event = @event;
        Reason = reason;
    }

    public WebhookParseStatus Status { get; }

    public MaileonEvent? Event { get; }

    /// <summary>Why the call was rejected; null when parsed.</summary>
    public string? Reason { get; }

    public static MaileonWebhookParseResult Parsed(MaileonEvent @event) =>
        new(WebhookParseStatus.Parsed, @event ?? throw new ArgumentNullException(nameof(@event)), null);

    public static MaileonWebhookParseResult Rejected(string reason) => new(WebhookParseStatus.Rejected, null, reason);

    public override string ToString() =>
        Event is { } e ? $"Parsed {e.Kind} for {e.ExternalId ?? "(no external id)"} (event {e.EventId})" : $"{Status}: {Reason}";
}
