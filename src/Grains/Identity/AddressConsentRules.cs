using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// The consent rules applied to one tenant's <see cref="AddressConsent"/> (docs/IDENTITY.md):
/// <list type="bullet">
/// <item>A Newsletter request by any person with the address is a request for the address; the latest one wins,
/// older ones are stale. An unsubscribe (either side) blocks the address for every person of the tenant with it,
/// until one of them explicitly asks again, later.</item>
/// <item>A Maileon unsubscribe of the address reaches the tenant whoever caused it (it is one Maileon contact, shared
/// by every tenant of the account).</item>
/// <item>A Maileon DOI confirmation counts only where this tenant has a double opt-in running for the address:
/// another tenant's (or another system's) subscription of the same contact grants this tenant nothing.</item>
/// <item>Maileon work happens once per address; a status change shows on every person with the address, a refused,
/// stale or repeated request only on the person who made it (its field is put back to the address's state).
/// <see cref="AddressOutcome.Fields"/> says what a field should show; the caller writes only where it differs.</item>
/// </list>
/// </summary>
public static class AddressConsentRules
{
    /// <summary>A person's Newsletter request: <c>SubscribeRequested</c>, <c>UnsubscribeRequested</c> or <c>FieldOverwritten</c>.</summary>
    public static AddressOutcome Request(AddressConsent address, long personId, ContactSignal signal)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.Kind is not (ContactSignalKind.SubscribeRequested or ContactSignalKind.UnsubscribeRequested or ContactSignalKind.FieldOverwritten))
        {
            throw new ArgumentOutOfRangeException(nameof(signal), signal.Kind, "Not a request by a Pipedrive user.");
        }

        address.Add(personId);
        var decision = SubscriptionStateMachine.Apply(address.State, signal with { Email = address.Address });
        var outcome = Spread(address, personId, decision);
        if (outcome.Fields.All(f => f.PersonId != personId))
        {
            // Ignored (stale, or already so): the person's field still shows what it asked; it shows the address's state.
            outcome.Fields.Add(new PersonFieldUpdate(personId, SubscriptionStateMachine.OptionFor(address.State.Status)));
        }

        return outcome;
    }

    /// <summary>A Maileon fact about the address: <c>DoiConfirmed</c> or <c>MaileonUnsubscribed</c> (webhook or reconciliation).</summary>
    public static AddressOutcome MaileonFact(AddressConsent address, ContactSignal signal)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.Kind is not (ContactSignalKind.DoiConfirmed or ContactSignalKind.MaileonUnsubscribed))
        {
            throw new ArgumentOutOfRangeException(nameof(signal), signal.Kind, "Not a Maileon fact.");
        }

        if (signal.Kind == ContactSignalKind.DoiConfirmed && address.State.Status != SubscriptionStatus.Pending)
        {
            return new AddressOutcome
            {
                Address = address.Address,
                Note = (ActivityLevel.Info, "A double opt-in confirmation for an address this company has no double opt-in running for " +
                                            "(another company or system subscribed it): recorded, nothing changed."),
            };
        }

        var decision = SubscriptionStateMachine.Apply(address.State, signal with { Email = address.Address });
        return Spread(address, null, decision);
    }

    /// <summary>The person now has this primary address and shows its state.</summary>
    public static PersonFieldUpdate Join(AddressConsent address, long personId)
    {
        ArgumentNullException.ThrowIfNull(address);
        address.Add(personId);
        return new PersonFieldUpdate(personId, SubscriptionStateMachine.OptionFor(address.State.Status));
    }

    private static AddressOutcome Spread(AddressConsent address, long? actingPersonId, SubscriptionDecision decision)
    {
        var outcome = new AddressOutcome { Address = address.Address, Note = decision.Note };
        var changed = decision.Transition is { } t && t.From != t.To;
        var everyone = changed ? address.Persons : actingPersonId is { } acting ? [acting] : [];
        if (changed)
        {
            // A new status shows on every person with the address, whatever the machine wrote for the acting one.
            var shown = SubscriptionStateMachine.OptionFor(address.State.Status);
            outcome.Fields.AddRange(everyone.Select(p => new PersonFieldUpdate(p, shown)));
        }

        foreach (var work in decision.Work)
        {
            if (work.Kind != ContactWorkKind.SetNewsletterField)
            {
                work.Email = address.Address;
                outcome.Maileon.Add(work);
            }
            else if (!changed)
            {
                outcome.Fields.AddRange(everyone.Select(p => new PersonFieldUpdate(p, work.Option)));
            }
        }

        if (decision.Transition is { } transition)
        {
            outcome.Transitions.AddRange(everyone.Select(p => new PersonTransition(p, transition.From, transition.To, transition.Detail)));
        }

        return outcome;
    }
}
