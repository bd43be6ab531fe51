using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>What the state machine decided: the new facts are already in the state; this is what follows from them.</summary>
public sealed class SubscriptionDecision
{
    public List<ContactWork> Work { get; } = [];

    /// <summary>Set when the status changed (or a consent-relevant request was refused): a ledger entry.</summary>
    public (SubscriptionStatus From, SubscriptionStatus To, string Detail)? Transition { get; set; }

    public (ActivityLevel Level, string Message)? Note { get; set; }

    public bool Changed => Work.Count > 0 || Transition is not null || Note is not null;
}
