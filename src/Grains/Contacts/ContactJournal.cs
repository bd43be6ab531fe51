using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>Adds a person's activity-log and consent-ledger entries to the state (stored with the change that adds them).</summary>
public static class ContactJournal
{
    public const string Area = "contacts";

    public static void Note(ContactState state, ContactContext context, ActivityLevel level, string message) =>
        state.PendingActivity.Add(new ActivityRecord
        {
            EntryId = Guid.NewGuid(),
            OccurredAt = context.Now,
            Level = level,
            Area = Area,
            PersonId = context.PersonId,
            Message = message,
        });

    public static void Ledger(
        ContactState state,
        string actor,
        string source,
        (SubscriptionStatus From, SubscriptionStatus To) change,
        string detail,
        DateTimeOffset at,
        string? email,
        string? maileonOutcome = null) =>
        state.PendingLedger.Add(new ConsentLedgerRecord
        {
            Sequence = ++state.LedgerSequence,
            OccurredAt = at,
            Actor = actor,
            Source = source,
            FromStatus = change.From.ToString(),
            ToStatus = change.To.ToString(),
            Email = email,
            Detail = detail,
            MaileonOutcome = maileonOutcome,
        });
}
