using System.Globalization;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The person's side of identity by address (docs/IDENTITY.md): which address it belongs to, what it tells that
/// address (requests, arrival, departure), and what it shows when the address tells it its consent. Pure; called by
/// <see cref="ContactDecisions"/> and <see cref="ContactOutboxRules"/>.
/// </summary>
public static class PersonAddressDecisions
{
    /// <summary>
    /// The person's primary address is now <paramref name="email"/>. Consent never moves: the old address is left as it
    /// is (the person leaves it); the new one decides what the person shows (a person who wanted the newsletter asks it
    /// for a double opt-in). A removed or unusable address leaves the person showing no subscription.
    /// </summary>
    public static void AddressIs(ContactState state, string? email, DateTimeOffset at, string actor, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        var key = EmailAddressKey.Of(email);
        var place = state.Address;
        if (key == place.Address)
        {
            return;
        }

        var from = state.AddressStatus;
        var wish = from is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed || place.AwaitingEmailSince is not null;
        if (place.Address is { } old)
        {
            Tell(state, old, AddressMessageKind.Leave, at, context);
        }

        place.Address = key;
        state.AddressStatus = SubscriptionStatus.None;
        state.AddressStatusSince = at;
        if (key is null)
        {
            if (from != SubscriptionStatus.None)
            {
                ContactJournal.Ledger(state, actor, "webhook", (from, SubscriptionStatus.None),
                    "The e-mail address was removed or is not usable: the person shows no subscription. The old address was left as it is in Maileon.", at, email);
                SetField(state, null, context);
            }

            return;
        }

        place.AwaitingEmailSince = null;
        Tell(state, key, AddressMessageKind.Join, at, context, actor: actor, wish: wish, from: from);
    }

    /// <summary>A Newsletter request of a Pipedrive user: the address decides; without a usable address it waits for one.</summary>
    public static void Request(ContactState state, AddressRequestKind request, DateTimeOffset at, string actor, string source, bool fromReconciliation, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Address.Address is { } address)
        {
            Tell(state, address, AddressMessageKind.Request, at, context, actor: actor, source: source, request: request, reconciled: fromReconciliation);
            return;
        }

        switch (request)
        {
            case AddressRequestKind.Subscribe:
                state.Address.AwaitingEmailSince = at;
                ContactJournal.Note(state, context, ActivityLevel.Warning,
                    "Subscribe requested, but the person has no usable e-mail address: nothing was sent to Maileon. The double opt-in starts when an address is added.");
                break;
            case AddressRequestKind.Unsubscribe:
                state.Address.AwaitingEmailSince = null;
                break;
            default:
                ContactJournal.Note(state, context, ActivityLevel.Warning,
                    "The Newsletter field was set to a value only the app sets; no subscription exists, so nothing was sent. Choose \"Subscribe\" to start a double opt-in.");
                SetField(state, null, context);
                break;
        }
    }

    /// <summary>The person's data changed: the existing Maileon contact of its subscribed (or pending) address is updated.</summary>
    public static void UpdateContact(ContactState state, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.AddressStatus is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed && state.Address.Address is { } address)
        {
            // Newer data supersedes an update not yet attempted.
            state.Outbox.RemoveWhere(w => w.Kind == ContactWorkKind.UpdateContact);
            state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.UpdateContact, Email = address }, context.Now);
        }
    }

    /// <summary>The address tells the person its consent: recorded in the person's ledger and shown in its field.</summary>
    public static bool ShowAddress(ContactState state, AddressNotice notice, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(notice);
        if (state.HasSeen(notice.NoticeId) || state.Person.Deleted)
        {
            return false;
        }

        var own = state.Address.Address;
        if (own != notice.Address)
        {
            if (!notice.Register)
            {
                return false; // from an address the person has left
            }

            if (own is not null || state.Person.EmailKnown)
            {
                // The first sync read an address the person no longer has: it leaves it again.
                state.Remember(notice.NoticeId);
                Tell(state, notice.Address, AddressMessageKind.Leave, context.Now, context);
                return true;
            }

            state.Address.Address = notice.Address;
        }

        state.Remember(notice.NoticeId);
        if (notice.Register && !state.FieldKnown)
        {
            state.FieldValue = notice.FieldNow;
            state.FieldKnown = true;
        }

        state.AddressStatus = notice.Status;
        state.AddressStatusSince = context.Now;
        if (notice.ContactDataAt is { } written && state.Person.DataAt > written)
        {
            // The person changed while its double opt-in was on its way: the contact now exists and gets the newer data.
            UpdateContact(state, context);
        }

        Record(state, notice, context);
        return true;
    }

    /// <summary>What the notice says goes into the person's ledger and activity log, and into its field if asked.</summary>
    private static void Record(ContactState state, AddressNotice notice, ContactContext context)
    {
        if (notice.Ledger is { } line)
        {
            ContactJournal.Ledger(state, line.Actor, line.Source, (line.From, line.To), line.Detail, line.At, notice.Address, line.MaileonOutcome);
            if (line.From != line.To)
            {
                ContactJournal.Note(state, context, ActivityLevel.Info, line.Detail);
            }
        }

        if (notice.Note is { } note)
        {
            ContactJournal.Note(state, context, notice.NoteIsWarning ? ActivityLevel.Warning : ActivityLevel.Info, note);
        }

        if (notice.WriteField)
        {
            var shown = SubscriptionStateMachine.OptionFor(notice.Status);
            if (!state.FieldKnown || state.FieldValue != shown)
            {
                SetField(state, shown, context);
            }
        }
    }

    /// <summary>Queues a message to an address (with a stable id, so a repeat is a duplicate there).</summary>
    public static void Tell(
        ContactState state, string address, AddressMessageKind kind, DateTimeOffset at, ContactContext context,
        string actor = "pipedrive", string source = "webhook", AddressRequestKind? request = null, bool wish = false,
        SubscriptionStatus from = SubscriptionStatus.None, bool reconciled = false, bool erase = false, LegacyConsent? legacy = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Outbox.Enqueue(new ContactWork
        {
            Kind = ContactWorkKind.TellAddress,
            Email = address,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"person:{context.PersonId}:{++state.Messages}"),
            Message = kind,
            Request = request,
            At = at,
            Actor = actor,
            Source = source,
            Wish = wish,
            Status = from,
            FromReconciliation = reconciled,
            Erase = erase,
            Legacy = legacy,
        }, context.Now);
    }

    /// <summary>Writes the Newsletter field (a newer write supersedes one not yet attempted).</summary>
    public static void SetField(ContactState state, Interfaces.Tenants.NewsletterOption? option, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Person.Deleted)
        {
            return;
        }

        state.Outbox.RemoveWhere(w => w.Kind == ContactWorkKind.SetNewsletterField);
        state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.SetNewsletterField, Option = option }, context.Now);
    }
}
