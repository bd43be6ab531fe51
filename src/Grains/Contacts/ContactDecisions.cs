using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// What each request does to a person's state: the consent rules (<see cref="SubscriptionStateMachine"/>), the person's
/// known data, and the work and journal entries that follow, all into <see cref="ContactState"/>. Pure and
/// deterministic (applied again after a version conflict); each returns false when it changed nothing.
/// </summary>
public static class ContactDecisions
{
    public static bool AcceptPerson(ContactState state, PersonEvent personEvent, NewsletterFieldConfig newsletter, long appUserId, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(personEvent);
        var meta = personEvent.Meta;
        if (state.HasSeen(meta.EventId))
        {
            return false; // applied again after a reload that already holds this event
        }

        state.Remember(meta.EventId);
        if (meta.Action == PipedriveAction.Delete)
        {
            Deleted(state, meta, context);
            return true;
        }

        if (state.Person.Deleted || personEvent.Current is not { } current)
        {
            ContactJournal.Note(state, context, ActivityLevel.Info, $"Ignored a {meta.Action.ToString().ToLowerInvariant()} event that arrived after the person was deleted.");
            return true;
        }

        var person = state.Person;
        var subscription = state.Subscription;
        var emailBefore = person.PrimaryEmail;
        // An event older than the data already merged must not read as an address change (it would undo a newer one).
        var emailKnownBefore = person.EmailKnown && !(person.DataAt > meta.Timestamp);
        var dataChanged = person.Merge(current, meta.Timestamp, newsletter.Key);
        var queuedBefore = state.Outbox.Entries.Count;
        foreach (var signal in PersonEventTranslator.Translate(personEvent, newsletter, appUserId, emailBefore, emailKnownBefore))
        {
            Decide(state, signal, context);
        }

        if (subscription.AwaitingEmail && !person.EmailKnown && !state.Outbox.Entries.Any(e => e.Work.Kind == ContactWorkKind.ReadPerson))
        {
            // The reduced v2 payload did not say whether the person has an address: read the person once.
            state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.ReadPerson }, context.Now);
        }

        if (dataChanged && state.Outbox.Entries.Count <= queuedBefore && subscription.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed)
        {
            // Newer data supersedes an update not yet attempted.
            state.Outbox.RemoveWhere(w => w.Kind == ContactWorkKind.UpdateContact);
            state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.UpdateContact, Email = subscription.Email }, context.Now);
        }

        return true;
    }

    /// <summary>A DOI confirmation or an unsubscribe from Maileon (webhook or reconciliation, named by <paramref name="source"/>).</summary>
    public static bool AcceptMaileon(ContactState state, MaileonEvent maileonEvent, string source, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(maileonEvent);
        if (state.HasSeen(maileonEvent.EventId))
        {
            return false;
        }

        state.Remember(maileonEvent.EventId);
        var kind = maileonEvent.Kind == MaileonEventKind.DoiConfirmed ? ContactSignalKind.DoiConfirmed : ContactSignalKind.MaileonUnsubscribed;
        Decide(state, new ContactSignal(kind, maileonEvent.Timestamp ?? context.Now, "maileon", source) { Email = maileonEvent.Email }, context);
        return true;
    }

    /// <summary>
    /// Reconciliation read the person: merges its data, and applies a Newsletter request the webhooks missed (with the
    /// person's update time as the request's time). Never re-subscribes.
    /// </summary>
    public static bool ReconcilePerson(ContactState state, PersonSnapshot person, NewsletterFieldConfig newsletter, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(newsletter);
        var at = person.UpdateTime ?? context.Now;
        var known = state.Person;
        var emailBefore = known.PrimaryEmail;
        var emailKnownBefore = known.EmailKnown && !(known.DataAt > at);
        var changed = known.Merge(person, at);
        if (emailKnownBefore && person.Has("emails") && !SubscriptionStateMachine.SameAddress(emailBefore, person.PrimaryEmail))
        {
            changed |= Decide(state, Signal(ContactSignalKind.EmailChanged, at, person), context);
        }

        var requested = person.CustomFields.TryGetValue(newsletter.Key, out var value) && value.OptionId is { } id ? newsletter.MeaningOf(id) : null;
        var subscription = state.Subscription;
        var missedRequest = subscription.LastRequestAt is null || subscription.LastRequestAt < at;
        if (missedRequest && requested == NewsletterOption.Subscribe && subscription.Status == SubscriptionStatus.None && !subscription.AwaitingEmail)
        {
            changed |= Decide(state, Signal(ContactSignalKind.SubscribeRequested, at, person), context);
        }
        else if (missedRequest && requested == NewsletterOption.Unsubscribed && subscription.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed)
        {
            changed |= Decide(state, Signal(ContactSignalKind.UnsubscribeRequested, at, person), context);
        }

        return changed;
    }

    /// <summary>Another person was merged into this one and hands over its subscription facts.</summary>
    public static bool AdoptMerged(ContactState state, MergedContact merged, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(merged);
        var eventId = MergeEventId(merged.FromPersonId);
        if (state.HasSeen(eventId))
        {
            return false;
        }

        state.Remember(eventId);
        var signal = new ContactSignal(ContactSignalKind.MergedIn, merged.At, $"pipedrive-person:{merged.FromPersonId}", "merge")
        {
            Email = merged.Email,
            MergedStatus = merged.Status,
        };
        Decide(state, signal, context);
        return true;
    }

    public static string MergeEventId(long fromPersonId) => $"merged:{fromPersonId}";

    /// <summary>
    /// Applies one signal: the state machine, then the work, ledger entry and log line it decided. A newer Newsletter
    /// write supersedes one not yet attempted. An unsubscribe goes ahead of the person's other work: it needs only the
    /// Maileon key, so a Newsletter write waiting for Pipedrive's re-authorisation must not hold it back, and work it
    /// overtakes (a double opt-in, a contact update) is no longer needed once the address is unsubscribed. Returns
    /// false when it decided nothing.
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

            if (work.Kind == ContactWorkKind.Unsubscribe)
            {
                state.Outbox.EnqueueAhead(work, context.Now, w => w.Kind == ContactWorkKind.Unsubscribe);
            }
            else
            {
                state.Outbox.Enqueue(work, context.Now);
            }
        }

        if (decision.Transition is { } transition)
        {
            ContactJournal.Ledger(state, signal.Actor, signal.Source, (transition.From, transition.To), transition.Detail, signal.At, state.Subscription.Email ?? signal.Email);
            ContactJournal.Note(state, context, ActivityLevel.Info, transition.Detail);
        }

        if (decision.Note is { } note)
        {
            ContactJournal.Note(state, context, note.Level, note.Message);
        }

        return decision.Changed;
    }

    /// <summary>The person was deleted in Pipedrive (or merged into another, which then hears what this one knew).</summary>
    private static void Deleted(ContactState state, PipedriveEventMeta meta, ContactContext context)
    {
        var person = state.Person;
        var subscription = state.Subscription;
        if (person.Deleted)
        {
            return;
        }

        person.Deleted = true;
        state.Outbox.RemoveWhere(w => w.Kind is ContactWorkKind.SetNewsletterField or ContactWorkKind.UpdateContact or ContactWorkKind.ReadPerson);
        if (meta.MergedToId is { } survivor)
        {
            state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.HandOver, TargetPersonId = survivor, Status = subscription.Status, Email = subscription.Email ?? person.PrimaryEmail }, context.Now);
            ContactJournal.Note(state, context, ActivityLevel.Info, $"Person merged into person {survivor}; the subscription facts ({subscription.Status}) are handed over.");
        }
        else
        {
            ContactJournal.Note(state, context, ActivityLevel.Info, subscription.Status == SubscriptionStatus.None
                ? "Person deleted in Pipedrive."
                : $"Person deleted in Pipedrive; the Maileon contact is left as it is ({subscription.Status}): consent belongs to the contact, not to the CRM record.");
            DeletedInMaileon(state, meta, context);
        }
    }

    /// <summary>The admin's erase choice for a deleted person with an address: erased in Maileon, or kept; either way in the ledger.</summary>
    private static void DeletedInMaileon(ContactState state, PipedriveEventMeta meta, ContactContext context)
    {
        if ((state.Subscription.Email ?? state.Person.PrimaryEmail) is not { } address)
        {
            return;
        }

        var status = state.Subscription.Status;
        var actor = meta.UserId is { } user ? $"pipedrive-user:{user}" : "pipedrive";
        if (context.EraseDeletedInMaileon)
        {
            state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.EraseContact, Email = address, Actor = actor }, context.Now);
        }

        ContactJournal.Ledger(state, actor, "webhook", (status, status), context.EraseDeletedInMaileon
            ? "Person deleted in Pipedrive; \"also erase in Maileon\" is on: the Maileon contact is erased."
            : "Person deleted in Pipedrive; \"also erase in Maileon\" is off: the Maileon contact and its consent are kept.", meta.Timestamp, address);
    }

    private static ContactSignal Signal(ContactSignalKind kind, DateTimeOffset at, PersonSnapshot person) =>
        new(kind, at, "pipedrive", "reconciliation") { Email = person.PrimaryEmail };
}
