using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// One input of the subscription state machine. <see cref="At"/> is the source's time (Pipedrive
/// <c>meta.timestamp</c>, Maileon's timestamp); <see cref="Email"/> the person's current primary address (for
/// Maileon signals: the address Maileon named).
/// </summary>
public sealed record ContactSignal(ContactSignalKind Kind, DateTimeOffset At, string Actor, string Source)
{
    public string? Email { get; init; }

    /// <summary>For <see cref="ContactSignalKind.MergedIn"/>: the merged person's status.</summary>
    public SubscriptionStatus MergedStatus { get; init; }
}
