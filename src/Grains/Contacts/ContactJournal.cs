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

    /// <summary>
    /// Applies one signal: the state machine, then the work, ledger entry and log line it decided. A newer Newsletter
    /// write supersedes one not yet attempted. Returns false when it decided nothing.
    /// </summary>
    public static bool Decide(ContactState state, ContactSignal signal, ContactContext context)
    {
        var decision = SubscriptionStateMachine.Apply(state.Subscription, signal);
        foreach (var work in decision.Work)
        {
            if (work.Kind == ContactWorkKind.SetNewsletterField)
            {
                state.Outbox.RemoveWhere(w => w.Kind == ContactWorkKind.SetNewsletterField);
            }

            state.Outbox.Enqueue(work, context.Now);
        }

        if (decision.Transition is { } transition)
        {
            Ledger(state, signal.Actor, signal.Source, (transition.From, transition.To), transition.Detail, signal.At, state.Subscription.Email ?? signal.Email);
            Note(state, context, ActivityLevel.Info, transition.Detail);
        }

        if (decision.Note is { } note)
        {
            Note(state, context, note.Level, note.Message);
        }

        return decision.Changed;
    }
}
