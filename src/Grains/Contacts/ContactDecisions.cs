using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// What each person event does to a person's state: the person's known data, its primary address in the tenant's
/// address index, and its Newsletter requests, which go to the address (consent belongs to the address, see
/// docs/IDENTITY.md; <see cref="PersonAddressDecisions"/> keeps the person's side of it). Pure and deterministic
/// (applied again after a version conflict); each returns false when it changed nothing.
/// </summary>
public static class ContactDecisions
{
    public static bool AcceptPerson(ContactState state, PersonEvent personEvent, NewsletterFieldConfig newsletter, long appUserId, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(personEvent);
        ArgumentNullException.ThrowIfNull(newsletter);
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
        var emailBefore = person.PrimaryEmail;
        // An event older than the data already merged must neither read as an address change nor say what the field shows.
        var fresh = person.IsNewer(personEvent);
        var emailKnownBefore = person.EmailKnown && fresh;
        var dataChanged = fresh && person.MergeNewer(current, meta.Timestamp, newsletter.Key);
        if (fresh && current.CustomFields.TryGetValue(newsletter.Key, out var value))
        {
            state.FieldValue = PersonEventTranslator.MeaningOf(value, newsletter);
            state.FieldKnown = true;
        }

        var actor = meta.UserId is { } user ? $"pipedrive-user:{user}" : "pipedrive";
        if (fresh && person.EmailKnown)
        {
            PersonAddressDecisions.AddressIs(state, person.PrimaryEmail, meta.Timestamp, actor, context);
        }

        var requested = Requests(state, PersonEventTranslator.Translate(personEvent, newsletter, appUserId, emailBefore, emailKnownBefore, meaning => WroteByUs(state, meaning)), context);
        if (state.Address.AwaitingEmailSince is not null && !person.EmailKnown && !state.Outbox.Entries.Any(e => e.Work.Kind == ContactWorkKind.ReadPerson))
        {
            // The reduced v2 payload did not say whether the person has an address: read the person once.
            state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.ReadPerson }, context.Now);
        }

        if (dataChanged && !requested)
        {
            PersonAddressDecisions.UpdateContact(state, context);
        }

        return true;
    }

    /// <summary>
    /// Reconciliation read the person: merges its data, follows an address change, and hands a Newsletter request the
    /// webhooks missed to the address (with the person's update time; the address never lets it re-subscribe).
    /// </summary>
    public static bool ReconcilePerson(ContactState state, PersonSnapshot person, NewsletterFieldConfig newsletter, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(newsletter);
        var at = person.UpdateTime ?? context.Now;
        var known = state.Person;
        var fresh = !(known.DataAt > at);
        var changed = known.Merge(person, at, newsletter.Key);
        var addressBefore = state.Address.Address;
        if (fresh && person.Has("emails"))
        {
            PersonAddressDecisions.AddressIs(state, person.PrimaryEmail, at, "pipedrive", context);
            changed |= addressBefore != state.Address.Address;
        }

        var requested = person.CustomFields.TryGetValue(newsletter.Key, out var value) ? PersonEventTranslator.MeaningOf(value, newsletter) : null;
        var kind = requested switch
        {
            NewsletterOption.Subscribe => AddressRequestKind.Subscribe,
            NewsletterOption.Unsubscribed => AddressRequestKind.Unsubscribe,
            _ => (AddressRequestKind?)null,
        };
        if (kind is { } request && state.Address.Address is not null && (request == AddressRequestKind.Subscribe) != (state.AddressStatus is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed))
        {
            PersonAddressDecisions.Request(state, request, at, "pipedrive", "reconciliation", fromReconciliation: true, context);
            changed = true;
        }

        return changed;
    }

    /// <summary>The person was deleted in Pipedrive (or merged into another): it leaves its address; the choice about Maileon is recorded.</summary>
    private static void Deleted(ContactState state, PipedriveEventMeta meta, ContactContext context)
    {
        var person = state.Person;
        if (person.Deleted)
        {
            return;
        }

        person.Deleted = true;
        state.Outbox.RemoveWhere(w => w.Kind is ContactWorkKind.SetNewsletterField or ContactWorkKind.UpdateContact or ContactWorkKind.ReadPerson);
        var merged = meta.MergedToId is { } survivor ? $" (merged into person {survivor})" : string.Empty;
        if (state.Address.Address is not { } address)
        {
            ContactJournal.Note(state, context, ActivityLevel.Info, $"Person deleted in Pipedrive{merged}.");
            return;
        }

        PersonAddressDecisions.Tell(state, address, AddressMessageKind.Leave, meta.Timestamp, context, erase: context.EraseDeletedInMaileon);
        var status = state.AddressStatus;
        var detail = context.EraseDeletedInMaileon
            ? $"Person deleted in Pipedrive{merged}; \"also erase in Maileon\" is on: the Maileon contact is erased unless another person of this company has the address."
            : $"Person deleted in Pipedrive{merged}; \"also erase in Maileon\" is off: the Maileon contact and its consent are kept (consent belongs to the contact, not to the CRM record).";
        ContactJournal.Ledger(state, meta.UserId is { } user ? $"pipedrive-user:{user}" : "pipedrive", "webhook", (status, status), detail, meta.Timestamp, address);
        ContactJournal.Note(state, context, ActivityLevel.Info, detail);
    }

    /// <summary>Hands the Newsletter requests among <paramref name="signals"/> to the person's address; true when there was one.</summary>
    private static bool Requests(ContactState state, IEnumerable<ContactSignal> signals, ContactContext context)
    {
        var requested = false;
        foreach (var signal in signals)
        {
            if (signal.Kind is ContactSignalKind.SubscribeRequested or ContactSignalKind.UnsubscribeRequested or ContactSignalKind.FieldOverwritten)
            {
                PersonAddressDecisions.Request(state, Kind(signal.Kind), signal.At, signal.Actor, signal.Source, fromReconciliation: false, context);
                requested = true;
            }
        }

        return requested;
    }

    /// <summary>The value is one the app wrote (or is writing): its echo asks for nothing.</summary>
    private static bool WroteByUs(ContactState state, NewsletterOption? meaning) =>
        state.WrittenOption == meaning || state.Outbox.Entries.Any(e => e.Work.Kind == ContactWorkKind.SetNewsletterField && e.Work.Option == meaning);

    private static AddressRequestKind Kind(ContactSignalKind kind) => kind switch
    {
        ContactSignalKind.SubscribeRequested => AddressRequestKind.Subscribe,
        ContactSignalKind.UnsubscribeRequested => AddressRequestKind.Unsubscribe,
        _ => AddressRequestKind.Overwritten,
    };
}
