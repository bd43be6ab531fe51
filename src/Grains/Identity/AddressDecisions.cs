using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// What each message does to one address of a tenant (docs/IDENTITY.md): the consent rules of
/// <see cref="AddressConsentRules"/> on <see cref="AddressState.Entry"/>, then notices to the persons and Maileon work
/// through <see cref="AddressFanOut"/>. Pure and deterministic (applied again after a version conflict); each returns
/// false when it changed nothing.
/// </summary>
public static class AddressDecisions
{
    /// <summary>A person's message (request, arrival, departure, hand-over).</summary>
    public static bool Tell(AddressState state, AddressMessage message, AddressContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        if (state.HasSeen(message.MessageId))
        {
            return false;
        }

        Open(state, context);
        state.Remember(message.MessageId);
        switch (message.Kind)
        {
            case AddressMessageKind.Request:
                Request(state, message, context);
                break;
            case AddressMessageKind.Join:
                Join(state, message, context);
                break;
            case AddressMessageKind.Leave:
                Leave(state, message, context);
                break;
            case AddressMessageKind.Legacy:
                LegacyConsentMerge.HandOver(state, message, context);
                break;
        }

        return true;
    }

    /// <summary>A Maileon fact (webhook or reconciliation, named by <paramref name="source"/>) about the address.</summary>
    public static bool MaileonFact(AddressState state, MaileonEvent maileonEvent, string source, AddressContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(maileonEvent);
        if (state.HasSeen(maileonEvent.EventId))
        {
            return false;
        }

        var confirmation = maileonEvent.Kind == MaileonEventKind.DoiConfirmed;
        if (confirmation && state.Entry.Persons.Count == 0 && state.Entry.State.Status != SubscriptionStatus.Pending)
        {
            // Another company's or system's subscription of an address no person of this company has: nothing to keep.
            return false;
        }

        Open(state, context);
        state.Remember(maileonEvent.EventId);
        var kind = confirmation ? ContactSignalKind.DoiConfirmed : ContactSignalKind.MaileonUnsubscribed;
        var at = maileonEvent.Timestamp ?? context.Now;
        var outcome = AddressConsentRules.MaileonFact(state.Entry, new ContactSignal(kind, at, "maileon", source) { Email = context.Address });
        AddressFanOut.Queue(state, outcome, new AddressOrigin("maileon", source, at), context);
        if (outcome.Unsubscribes && outcome.Transitions.Count == 0)
        {
            AddressFanOut.Note(state, context, ActivityLevel.Info,
                "A double opt-in confirmation arrived after the address was unsubscribed: the unsubscribe stands and was applied again in Maileon.");
        }

        return true;
    }

    /// <summary>The address got a DOI confirmation from Maileon's answer to our own double opt-in start (the contact already held DOI).</summary>
    public static void AlreadyConfirmed(AddressState state, AddressContext context, string summary)
    {
        ArgumentNullException.ThrowIfNull(state);
        var outcome = AddressConsentRules.MaileonFact(state.Entry, new ContactSignal(ContactSignalKind.DoiConfirmed, context.Now, "maileon", "maileon-api") { Email = context.Address });
        AddressFanOut.Queue(state, outcome, new AddressOrigin("maileon", "maileon-api", context.Now), context);
        AddressFanOut.Note(state, context, ActivityLevel.Info, $"No double opt-in mail was sent: {summary}.");
    }

    private static void Request(AddressState state, AddressMessage message, AddressContext context)
    {
        var consent = state.Entry.State;
        var kind = message.Request switch
        {
            AddressRequestKind.Subscribe => ContactSignalKind.SubscribeRequested,
            AddressRequestKind.Unsubscribe => ContactSignalKind.UnsubscribeRequested,
            _ => ContactSignalKind.FieldOverwritten,
        };
        if (message.FromReconciliation && !ReconciledRequestApplies(consent, kind, message.At))
        {
            // Read from the person's current field, timed by the person's update time: it must never re-subscribe.
            state.Entry.Add(message.PersonId);
            return;
        }

        state.Quiet.Remove(message.PersonId);
        var outcome = AddressConsentRules.Request(state.Entry, message.PersonId, new ContactSignal(kind, message.At, message.Actor, message.Source));
        AddressFanOut.Queue(state, outcome, Origin(message), context);
    }

    private static bool ReconciledRequestApplies(SubscriptionState consent, ContactSignalKind kind, DateTimeOffset at)
    {
        var missed = consent.LastRequestAt is null || consent.LastRequestAt < at;
        return missed && kind switch
        {
            ContactSignalKind.SubscribeRequested => consent.Status == SubscriptionStatus.None,
            ContactSignalKind.UnsubscribeRequested => consent.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed,
            _ => false,
        };
    }

    /// <summary>
    /// The person's primary address is now this one: consent never moves with it. A person who wanted the newsletter
    /// starts a double opt-in here if the address was never asked for nor blocked; otherwise it shows what the address has.
    /// </summary>
    private static void Join(AddressState state, AddressMessage message, AddressContext context)
    {
        var entry = state.Entry;
        state.Quiet.Remove(message.PersonId);
        if (message.Wish && entry.State.Status == SubscriptionStatus.None)
        {
            var outcome = AddressConsentRules.Request(entry, message.PersonId, new ContactSignal(ContactSignalKind.SubscribeRequested, message.At, message.Actor, "address change"));
            outcome.Transitions.RemoveAll(t => t.PersonId == message.PersonId);
            outcome.Transitions.Add(new PersonTransition(message.PersonId, message.FromStatus, entry.State.Status,
                "The e-mail address changed: the new address gets its own double opt-in (consent never moves to an unconfirmed address); " +
                "the old address was left as it is in Maileon."));
            AddressFanOut.Queue(state, outcome, Origin(message), context);
            return;
        }

        AddressConsentRules.Join(entry, message.PersonId);
        var status = entry.State.Status;
        if (status == SubscriptionStatus.None && message.FromStatus == SubscriptionStatus.None)
        {
            return; // first sight of an address nobody asked for: nothing to show or record
        }

        AddressFanOut.Notify(state, message.PersonId, context, new AddressWork
        {
            WriteField = true,
            Ledger = status == message.FromStatus ? null : AddressFanOut.Line(message.FromStatus, status, JoinDetail(status), message.Actor, message.Source, message.At),
        });
    }

    private static void Leave(AddressState state, AddressMessage message, AddressContext context)
    {
        state.Entry.Remove(message.PersonId);
        state.Quiet.Remove(message.PersonId);
        if (!message.EraseInMaileon)
        {
            return;
        }

        if (state.Entry.Persons.Count == 0)
        {
            state.Outbox.Enqueue(new AddressWork { Kind = AddressWorkKind.Erase, PersonId = message.PersonId, Actor = message.Actor }, context.Now);
        }
        else
        {
            AddressFanOut.Note(state, context, ActivityLevel.Info,
                $"Person {message.PersonId} was deleted, but the Maileon contact was not erased: persons {string.Join(", ", state.Entry.Persons)} still have the address.",
                message.PersonId);
        }
    }

    private static string JoinDetail(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Subscribed => "The e-mail address changed to one already subscribed in this company.",
        SubscriptionStatus.Pending => "The e-mail address changed to one whose double opt-in is running.",
        SubscriptionStatus.Unsubscribed => "The e-mail address changed to an unsubscribed one: it stays unsubscribed until someone explicitly asks again.",
        _ => "The e-mail address changed; the new address has no subscription and the old one was left as it is in Maileon.",
    };

    private static AddressOrigin Origin(AddressMessage message) =>
        new(message.Actor, message.Source, message.At, message.PersonId, message.Person is { } snapshot ? KnownPersonOf(snapshot) : null);

    /// <summary>The person's data as the contact is made from it.</summary>
    public static KnownPerson KnownPersonOf(PersonSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var known = new KnownPerson();
        known.Merge(snapshot, snapshot.UpdateTime ?? DateTimeOffset.MinValue);
        return known;
    }

    /// <summary>Makes sure the entry names its address (a fresh state does not).</summary>
    public static void Open(AddressState state, AddressContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (state.Entry.Address.Length == 0)
        {
            state.Entry.Address = context.Address;
        }
    }
}
