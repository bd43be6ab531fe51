using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// A person stored before addresses held consent keeps it in <see cref="ContactState.Subscription"/>: on activation it
/// hands it to its address once, with the double opt-in or unsubscribe still queued for it (the address performs them
/// now, checking Maileon first where an attempt may have landed). Afterwards the person's subscription is empty.
/// </summary>
public static class LegacyHandOver
{
    public static bool Needed(ContactState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Subscription is not null
               || state.Outbox.Entries.Any(e => e.Work.Kind is ContactWorkKind.StartDoubleOptIn or ContactWorkKind.Unsubscribe or ContactWorkKind.HandOver);
    }

    /// <param name="inFlightEntryId">The entry whose effect runs right now (it stays; it is settled as handed over when it is planned).</param>
    public static bool HandOver(ContactState state, long? inFlightEntryId, ContactContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Needed(state))
        {
            return false;
        }

        var subscription = state.Subscription ?? new SubscriptionState();
        var queued = state.Outbox.Entries.Where(e => e.Id != inFlightEntryId && e.Work.Kind is ContactWorkKind.StartDoubleOptIn or ContactWorkKind.Unsubscribe or ContactWorkKind.HandOver).ToList();
        var doi = queued.Where(e => e.Work.Kind == ContactWorkKind.StartDoubleOptIn).ToList();
        var legacy = new LegacyConsent
        {
            Status = subscription.Status,
            StatusSince = subscription.StatusSince,
            UnsubscribedAt = subscription.UnsubscribedAt,
            LastRequestAt = subscription.LastRequestAt,
            DoiRequestedAt = subscription.DoiRequestedAt,
            DoiQueued = doi.Count > 0,
            DoiMayHaveRun = doi.Any(e => e.Attempts > 0 || e.StartedAt is not null),
            UnsubscribeQueued = queued.Any(e => e.Work.Kind == ContactWorkKind.Unsubscribe),
        };
        state.Outbox.Entries.RemoveAll(queued.Contains);
        var key = EmailAddressKey.Of(subscription.Email ?? state.Person.PrimaryEmail);
        state.Subscription = null;
        if (key is null)
        {
            state.Address.AwaitingEmailSince = subscription.AwaitingEmail ? subscription.LastRequestAt ?? context.Now : null;
            ContactJournal.Note(state, context, ActivityLevel.Info, "Consent is now kept per e-mail address; this person has no usable address, so it holds none.");
            return true;
        }

        state.Address.Address = key;
        state.AddressStatus = subscription.Status;
        state.AddressStatusSince = subscription.StatusSince;
        PersonAddressDecisions.Tell(state, key, AddressMessageKind.Legacy, subscription.StatusSince ?? context.Now, context, actor: "system", source: "migration", legacy: legacy);
        return true;
    }
}
