using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// Turns what the consent rules decided for an address (<see cref="AddressOutcome"/>) into its outbox: a notice per
/// person concerned (ledger entry, field), then the Maileon work, once for the address. While a double opt-in starts,
/// fields are not written yet: they show "Awaiting confirmation" once Maileon took the contact
/// (<see cref="AddressOutboxRules"/> queues those notices).
/// </summary>
public static class AddressFanOut
{
    public const string Area = "contacts";

    public static void Queue(AddressState state, AddressOutcome outcome, AddressOrigin origin, AddressContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(origin);
        var doi = outcome.StartsDoubleOptIn;
        if (outcome.Transitions.Any(t => t.From != t.To))
        {
            // A change of status reaches everyone, also those the first sync left alone.
            state.Quiet.Clear();
        }

        var persons = outcome.Fields.Select(f => f.PersonId).Concat(outcome.Transitions.Select(t => t.PersonId)).Distinct().ToList();
        foreach (var person in persons)
        {
            var transition = outcome.Transitions.FirstOrDefault(t => t.PersonId == person);
            Notify(state, person, context, new AddressWork
            {
                WriteField = !doi && outcome.Fields.Any(f => f.PersonId == person),
                Ledger = transition is null ? null : Line(transition.From, transition.To, transition.Detail, origin.Actor, origin.Source, origin.At),
            });
        }

        if (outcome.Note is { } note)
        {
            Note(state, context, note.Level, note.Message, origin.PersonId);
        }

        foreach (var work in outcome.Maileon)
        {
            switch (work.Kind)
            {
                case ContactWorkKind.StartDoubleOptIn:
                    state.Outbox.Enqueue(new AddressWork { Kind = AddressWorkKind.StartDoubleOptIn, PersonId = origin.PersonId, Person = origin.Person, Actor = origin.Actor }, context.Now);
                    break;
                case ContactWorkKind.Unsubscribe:
                    // Ahead of the address's other Maileon work (a double opt-in waiting for a key must not hold it back);
                    // behind the notices already queued, this decision's among them: they need no credentials, and the
                    // persons should not wait for Maileon to show what was decided.
                    state.Outbox.EnqueueAhead(new AddressWork { Kind = AddressWorkKind.Unsubscribe, PersonId = origin.PersonId, Actor = work.Actor ?? origin.Actor }, context.Now,
                        w => w.Kind is AddressWorkKind.Unsubscribe or AddressWorkKind.Notify);
                    break;
            }
        }
    }

    /// <summary>Queues a notice to one person; <paramref name="notice"/> carries what it says.</summary>
    public static void Notify(AddressState state, long personId, AddressContext context, AddressWork notice)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(notice);
        notice.Kind = AddressWorkKind.Notify;
        notice.PersonId = personId;
        state.Outbox.Enqueue(notice, context.Now);
    }

    /// <summary>Notices to every person of the address the first sync did not leave alone.</summary>
    public static void NotifyAll(AddressState state, AddressContext context, Func<AddressWork> notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        NotifyAll(state, context, _ => notice());
    }

    /// <summary>Notices to every person of the address the first sync did not leave alone, each made for its person.</summary>
    public static void NotifyAll(AddressState state, AddressContext context, Func<long, AddressWork> notice)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(notice);
        foreach (var person in state.Entry.Persons.Where(p => !state.Quiet.Contains(p)))
        {
            Notify(state, person, context, notice(person));
        }
    }

    public static LedgerLine Line(SubscriptionStatus from, SubscriptionStatus to, string detail, string actor, string source, DateTimeOffset at, string? maileonOutcome = null) =>
        new() { From = from, To = to, Detail = detail, Actor = actor, Source = source, At = at, MaileonOutcome = maileonOutcome };

    public static void Note(AddressState state, AddressContext context, ActivityLevel level, string message, long? personId = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.PendingActivity.Add(new ActivityRecord
        {
            EntryId = Guid.NewGuid(),
            OccurredAt = context.Now,
            Level = level,
            Area = Area,
            PersonId = personId,
            Message = message,
        });
    }
}
