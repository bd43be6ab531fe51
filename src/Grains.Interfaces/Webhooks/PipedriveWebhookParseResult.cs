
namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// What <see cref="PipedriveWebhookParser"/> made of a body: a <see cref="PersonEvent"/> or <see cref="DealEvent"/>
/// (<see cref="WebhookParseStatus.Parsed"/>), a valid webhook we do not handle (<see cref="WebhookParseStatus.Ignored"/>),
/// or bad input (<see cref="WebhookParseStatus.Rejected"/>); the last two carry a human-readable <see cref="Reason"/>.
/// </summary>
public sealed class PipedriveWebhookParseResult
{
    private PipedriveWebhookParseResult(WebhookParseStatus status, PersonEvent? person, DealEvent? deal, string? reason)
    {
        Status = status;
        Person = person;
        Deal = deal;
        Reason = reason;
    }

    public WebhookParseStatus Status { get; }

    /// <summary>Set when the webhook was about a person.</summary>
    public PersonEvent? Person { get; }

    /// <summary>Set when the webhook was about a deal.</summary>
    public DealEvent? Deal { get; }

    /// <summary>The envelope of the parsed event; null unless <see cref="Status"/> is <see cref="WebhookParseStatus.Parsed"/>.</summary>
    public PipedriveEventMeta? Meta => Person?.Meta ?? Deal?.Meta;

    /// <summary>Why the webhook was ignored or rejected; null when parsed.</summary>
    public string? Reason { get; }

    public static PipedriveWebhookParseResult Parsed(PersonEvent person) =>
        new(WebhookParseStatus.Parsed, person ?? throw new ArgumentNullException(nameof(person)), null, null);

    public static PipedriveWebhookParseResult Parsed(DealEvent deal) =>
        new(WebhookParseStatus.Parsed, null, deal ?? throw new ArgumentNullException(nameof(deal)), null);

    public static PipedriveWebhookParseResult Ignored(string reason) => new(WebhookParseStatus.Ignored, null, null, reason);

    public static PipedriveWebhookParseResult Rejected(string reason) => new(WebhookParseStatus.Rejected, null, null, reason);

    public override string ToString() => Status switch
    {
        WebhookParseStatus.Parsed => $"Parsed {Meta!.Entity} {Meta.Action} #{Meta.EntityId} (event {Meta.EventId})",
        _ => $"{Status}: {Reason}",
    };
}
