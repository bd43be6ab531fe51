using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>
/// The consent a person kept by itself before addresses held it, handed to its address once (see
/// <see cref="AddressMessageKind.Legacy"/>), with the Maileon work that was still queued for it.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.LegacyConsent")]
public sealed record LegacyConsent
{
    [Id(0)] public SubscriptionStatus Status { get; init; }
    [Id(1)] public DateTimeOffset? StatusSince { get; init; }
    [Id(2)] public DateTimeOffset? UnsubscribedAt { get; init; }
    [Id(3)] public DateTimeOffset? LastRequestAt { get; init; }
    [Id(4)] public DateTimeOffset? DoiRequestedAt { get; init; }

    /// <summary>A double opt-in start was still queued (not known to have reached Maileon).</summary>
    [Id(5)] public bool DoiQueued { get; init; }

    /// <summary>That start may have reached Maileon already (an attempt was made): check before sending again.</summary>
    [Id(6)] public bool DoiMayHaveRun { get; init; }

    /// <summary>An unsubscribe call was still queued.</summary>
    [Id(7)] public bool UnsubscribeQueued { get; init; }
}
