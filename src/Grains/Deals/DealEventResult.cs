using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>What became of a deal event that left the outbox without failing.</summary>
public abstract record DealEventResult : EffectResult
{
    /// <summary>Maileon holds the event (sent now, or an earlier attempt had arrived).</summary>
    /// <param name="LearnedSmartBccEmail">The deal's Smart BCC address when it was read from Pipedrive for this event.</param>
    public sealed record Sent(string? LearnedSmartBccEmail) : DealEventResult;

    /// <summary>Not sent on purpose (no person, not a Maileon contact, turned off); the summary says why.</summary>
    public sealed record NotSent(ActivityLevel Level) : DealEventResult;
}
