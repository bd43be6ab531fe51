namespace PipedriveMaileon.Grains.Deals;

/// <summary>One outbox entry of a deal: "send this event to Maileon". Plain data, stored in the grain state.</summary>
public sealed class DealWork
{
    public DealWorkKind Kind { get; set; }

    /// <summary>Pipedrive's event id (<c>meta.id</c>); the Maileon <c>transaction_id</c> is derived from it.</summary>
    public string EventId { get; set; } = "";

    /// <summary>When the change happened at Pipedrive (<c>meta.timestamp</c>); sent as the event's <c>timestamp</c>.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public DealFacts Deal { get; set; } = new();
}
