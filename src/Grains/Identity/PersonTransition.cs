using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>A consent-ledger entry for one person: the status it shows changed (or a request of its was refused).</summary>
public sealed record PersonTransition(long PersonId, SubscriptionStatus From, SubscriptionStatus To, string Detail);
