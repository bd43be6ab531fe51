using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>
/// What a person's grain tells the grain of an address (from its outbox, so it is delivered at least once:
/// <see cref="MessageId"/> makes a repeat a duplicate).
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.AddressMessage")]
public sealed record AddressMessage
{
    [Id(0)] public required string MessageId { get; init; }
    [Id(1)] public required AddressMessageKind Kind { get; init; }
    [Id(2)] public required long PersonId { get; init; }

    /// <summary>Source time of what happened (the webhook's <c>meta.timestamp</c>, the person's update time).</summary>
    [Id(3)] public DateTimeOffset At { get; init; }

    /// <summary>Who caused it, for the ledger: <c>pipedrive-user:{id}</c>, <c>pipedrive</c>, <c>system</c>.</summary>
    [Id(4)] public string Actor { get; init; } = "pipedrive";

    /// <summary>How it reached us: <c>webhook</c>, <c>reconciliation</c>, <c>address change</c>, <c>migration</c>.</summary>
    [Id(5)] public string Source { get; init; } = "webhook";

    [Id(6)] public AddressRequestKind? Request { get; init; }

    /// <summary>For <see cref="AddressMessageKind.Join"/>: the person wanted the newsletter (pending, subscribed, or asked without an address).</summary>
    [Id(7)] public bool Wish { get; init; }

    /// <summary>For <see cref="AddressMessageKind.Join"/>: the status the person showed before (its ledger's "from").</summary>
    [Id(8)] public SubscriptionStatus FromStatus { get; init; }

    /// <summary>The person's data, for the Maileon contact a double opt-in creates.</summary>
    [Id(9)] public PersonSnapshot? Person { get; init; }

    [Id(10)] public LegacyConsent? Legacy { get; init; }

    /// <summary>For <see cref="AddressMessageKind.Leave"/> of a deleted person: the tenant asks to erase the contact in Maileon.</summary>
    [Id(11)] public bool EraseInMaileon { get; init; }

    /// <summary>
    /// The request was read by reconciliation from the person's current field (its time is the person's update time,
    /// not the field's): applied only where it cannot re-subscribe (see the address's rules).
    /// </summary>
    [Id(12)] public bool FromReconciliation { get; init; }
}
