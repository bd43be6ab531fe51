using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// One tenant's address index: address → consent and persons, person → primary address (docs/IDENTITY.md). Consent
/// belongs to the address (the recipient); persons are views of it. A person's address change never moves consent
/// and never touches the old address in Maileon: a person who wanted the newsletter gets a double opt-in for the new
/// address if that address was never asked for nor blocked in this tenant, joins its state otherwise.
/// Plain data, JSON-serialisable; a grain per address can hold one <see cref="AddressConsent"/> and call the same rules.
/// </summary>
public sealed class TenantAddressBook
{
    public Dictionary<string, AddressConsent> Addresses { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<long, PersonAddress> Persons { get; set; } = [];

    public SubscriptionStatus StatusOf(long personId) =>
        Persons.GetValueOrDefault(personId)?.Address is { } key ? Addresses[key].State.Status : SubscriptionStatus.None;

    /// <summary>The persons a Maileon fact about <paramref name="email"/> reaches: those whose primary address it is.</summary>
    public IReadOnlyList<long> PersonsWith(string? email) =>
        EmailAddressKey.Of(email) is { } key && Addresses.TryGetValue(key, out var entry) ? entry.Persons : [];

    /// <summary>A Newsletter request of a Pipedrive user for this person (the signal's email is ignored: the index knows it).</summary>
    public AddressOutcome PersonRequested(long personId, ContactSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var person = PersonOf(personId);
        if (person.Address is { } key)
        {
            return AddressConsentRules.Request(Addresses[key], personId, signal);
        }

        var outcome = new AddressOutcome();
        switch (signal.Kind)
        {
            case ContactSignalKind.SubscribeRequested:
                person.AwaitingEmailSince = signal.At;
                outcome.Note = (ActivityLevel.Warning, "Subscribe requested, but the person has no usable e-mail address: nothing was sent to Maileon. " +
                                                       "The double opt-in starts when an address is added.");
                break;
            case ContactSignalKind.UnsubscribeRequested:
                person.AwaitingEmailSince = null;
                break;
            default:
                outcome.Fields.Add(new PersonFieldUpdate(personId, null));
                break;
        }

        return outcome;
    }

    /// <summary>The person's primary address is now <paramref name="email"/> (first sight, edit, removal).</summary>
    public AddressOutcome PersonAddressChanged(long personId, string? email, DateTimeOffset at, string actor)
    {
        var person = PersonOf(personId);
        var key = EmailAddressKey.Of(email);
        if (key == person.Address)
        {
            return new AddressOutcome { Address = key };
        }

        var before = StatusOf(personId);
        var wish = before is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed || person.AwaitingEmailSince is not null;
        if (person.Address is { } old)
        {
            Addresses[old].Remove(personId);
        }

        person.Address = key;
        person.AwaitingEmailSince = key is null ? person.AwaitingEmailSince : null;
        if (key is null)
        {
            return Moved(personId, before, SubscriptionStatus.None, null, null,
                "The e-mail address was removed or is not usable: the person shows no subscription. The old address was left as it is in Maileon.");
        }

        var entry = Entry(key);
        if (wish && entry.State.Status == SubscriptionStatus.None)
        {
            var started = AddressConsentRules.Request(entry, personId, new ContactSignal(ContactSignalKind.SubscribeRequested, at, actor, "address change"));
            started.Transitions.RemoveAll(t => t.PersonId == personId);
            started.Transitions.Add(new PersonTransition(personId, before, entry.State.Status,
                "The e-mail address changed: the new address gets its own double opt-in (consent never moves to an unconfirmed address); " +
                "the old address was left as it is in Maileon."));
            return started;
        }

        var shown = AddressConsentRules.Join(entry, personId);
        return Moved(personId, before, entry.State.Status, key, shown, entry.State.Status switch
        {
            SubscriptionStatus.Subscribed => "The e-mail address changed to one already subscribed in this company.",
            SubscriptionStatus.Pending => "The e-mail address changed to one whose double opt-in is running.",
            SubscriptionStatus.Unsubscribed => "The e-mail address changed to an unsubscribed one: it stays unsubscribed until someone explicitly asks again.",
            _ => "The e-mail address changed; the new address has no subscription and the old one was left as it is in Maileon.",
        });
    }

    /// <summary>A Maileon fact (webhook or reconciliation); the signal's email names the address.</summary>
    public AddressOutcome MaileonFact(ContactSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (EmailAddressKey.Of(signal.Email) is not { } key)
        {
            return new AddressOutcome { Note = (ActivityLevel.Warning, "A Maileon event named no usable e-mail address; nothing changed.") };
        }

        // An unsubscribe is kept even for an address no person has (yet): whoever gets it later finds it blocked.
        var entry = signal.Kind == ContactSignalKind.MaileonUnsubscribed ? Entry(key) : Addresses.GetValueOrDefault(key) ?? new AddressConsent { Address = key };
        return AddressConsentRules.MaileonFact(entry, signal);
    }

    /// <summary>The person was deleted: it leaves the index; its address and the Maileon contact stay as they are.</summary>
    public void PersonDeleted(long personId)
    {
        if (Persons.Remove(personId, out var person) && person.Address is { } key)
        {
            Addresses[key].Remove(personId);
        }
    }

    private static AddressOutcome Moved(long personId, SubscriptionStatus before, SubscriptionStatus after, string? key, PersonFieldUpdate? shown, string detail)
    {
        var outcome = new AddressOutcome { Address = key };
        outcome.Fields.Add(shown ?? new PersonFieldUpdate(personId, null));
        if (before != after)
        {
            outcome.Transitions.Add(new PersonTransition(personId, before, after, detail));
        }

        return outcome;
    }

    private PersonAddress PersonOf(long personId)
    {
        if (!Persons.TryGetValue(personId, out var person))
        {
            person = new PersonAddress();
            Persons[personId] = person;
        }

        return person;
    }

    private AddressConsent Entry(string key)
    {
        if (!Addresses.TryGetValue(key, out var entry))
        {
            entry = new AddressConsent { Address = key };
            Addresses[key] = entry;
        }

        return entry;
    }
}
