using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>The consent facts of one person, as the state machine keeps them (part of the grain's stored state).</summary>
public sealed class SubscriptionState
{
    public SubscriptionStatus Status { get; set; }

    /// <summary>The address the pending or current subscription (or the unsubscribe) is for.</summary>
    public string? Email { get; set; }

    public DateTimeOffset? StatusSince { get; set; }

    /// <summary>When the latest unsubscribe happened at its source; a subscribe request must be later to count.</summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>Source time of the latest Newsletter request by a Pipedrive user that was applied (older ones are stale).</summary>
    public DateTimeOffset? LastRequestAt { get; set; }

    /// <summary>
    /// Source time of the request that started the running (or confirmed) double opt-in; null when unknown (merge, a
    /// confirmation seen before its request). An unsubscribe older than this belongs to an earlier subscription.
    /// </summary>
    public DateTimeOffset? DoiRequestedAt { get; set; }

    /// <summary>A user asked to subscribe a person without an e-mail address; the DOI starts when one is added.</summary>
    public bool AwaitingEmail { get; set; }

    /// <summary>Holds nothing a person would hand to its address (<see cref="LegacyHandOver"/>): no status, request, unsubscribe or address.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty =>
        Status == SubscriptionStatus.None && LastRequestAt is null && UnsubscribedAt is null && !AwaitingEmail && Email is null;
}
