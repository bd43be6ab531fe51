using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Outbox;
using ContactPlan = PipedriveMaileon.Grains.Outbox.EffectPlan<PipedriveMaileon.Grains.Contacts.ContactEffect>;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// A person's outbox rules: which call each piece of work becomes given the person's state now (work no longer
/// needed is settled without a call), and what each outcome does to the state.
/// </summary>
public sealed class ContactOutboxRules : IOutboxRules<ContactState, ContactWork, ContactEffect>
{
    public string WorkKindOf(ContactWork work) => work.Kind.ToString();

    /// <summary>Nothing a person does itself sends a mail: double opt-ins belong to its address.</summary>
    public bool NeedsIntentRecord(ContactWork work) => false;

    public ContactPlan Plan(ContactState state, OutboxEntry<ContactWork> entry, OutboxKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        var work = entry.Work;
        switch (work.Kind)
        {
            case ContactWorkKind.UpdateContact:
                return state.AddressStatus is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed && state.Address.Address is { } email
                    ? ContactPlan.Call(new ContactEffect.UpdateContact(email, state.Person.ToSnapshot(key.EntityId)))
                    : NoLongerNeeded("no longer needed");
            case ContactWorkKind.SetNewsletterField:
                return state.Person.Deleted
                    ? ContactPlan.Settle(EffectOutcome.Done("person deleted; field not written"))
                    : ContactPlan.Call(new ContactEffect.SetNewsletterField(work.Option));
            case ContactWorkKind.ReadPerson:
                return ContactPlan.Call(new ContactEffect.ReadPerson());
            case ContactWorkKind.TellAddress when work.Email is { } address && work.Message is { } kind:
                return ContactPlan.Call(new ContactEffect.TellAddress(address, Message(state, work, kind, key.EntityId)));
            case ContactWorkKind.EraseContact when work.Email is { } erased:
                // Queued before addresses held consent: the address erases its contact unless another person has it.
                return ContactPlan.Call(new ContactEffect.TellAddress(erased, Message(state, work, AddressMessageKind.Leave, key.EntityId) with
                {
                    MessageId = $"person:{key.EntityId}:erase:{entry.Id}",
                    EraseInMaileon = true,
                }));
            case ContactWorkKind.StartDoubleOptIn or ContactWorkKind.Unsubscribe or ContactWorkKind.HandOver:
                // Queued before addresses held consent; handed to the address with the rest of the person's consent.
                return NoLongerNeeded("handed over to the person's address");
            default:
                return ContactPlan.Settle(EffectOutcome.Fail($"unknown work {work.Kind}"));
        }
    }

    public void Apply(ContactState state, RecordedEffect<ContactWork> effect)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(effect);
        var context = new ContactContext(effect.Key.CompanyId, effect.Key.EntityId, effect.Now);
        var work = effect.Work;
        var summary = effect.Outcome.Summary;
        switch (effect.Disposition)
        {
            case OutboxDisposition.Completed when effect.Outcome is EffectOutcome.Succeeded { Result: var result }:
                Completed(state, work, result, context);
                break;
            case OutboxDisposition.WillRetry when effect.Entry.Attempts == 1 && work.Kind != ContactWorkKind.TellAddress:
                ContactJournal.Note(state, context, ActivityLevel.Warning, $"Could not {Describe(work)} yet ({summary}); retrying automatically.");
                break;
            case OutboxDisposition.WaitingForCredentials when effect.Entry.WaitingSince == effect.Now:
                ContactJournal.Note(state, context, ActivityLevel.Warning, $"Could not {Describe(work)}: {summary}. It is tried again every few minutes, and at once when the app is reconnected or a new key is saved.");
                break;
            case OutboxDisposition.Parked:
                ContactJournal.Note(state, context, ActivityLevel.Error, $"Gave up trying to {Describe(work)} after {effect.Entry.Attempts} attempt(s): {summary}. Use \"Retry failed\" on the settings page once the cause is fixed.");
                break;
        }
    }

    private static void Completed(ContactState state, ContactWork work, EffectResult result, ContactContext context)
    {
        switch (result)
        {
            case ContactEffectResult.ContactSaved saved:
                foreach (var note in saved.MappingNotes)
                {
                    ContactJournal.Note(state, context, ActivityLevel.Info, note);
                }

                break;
            case ContactEffectResult.ContactGone:
                ContactJournal.Note(state, context, ActivityLevel.Info, "The person's data changed, but Maileon holds no active contact for the address any more (unsubscribed): nothing was written, and nothing was created.");
                break;
            case ContactEffectResult.PersonRead { Person: { } person }:
                state.Person.Merge(person, person.UpdateTime ?? context.Now);
                state.Person.EmailKnown = true;
                PersonAddressDecisions.AddressIs(state, person.PrimaryEmail, person.UpdateTime ?? context.Now, "pipedrive", context);
                break;
            case var _ when work.Kind == ContactWorkKind.SetNewsletterField:
                state.WrittenOption = work.Option;
                state.FieldValue = work.Option;
                state.FieldKnown = true;
                break;
        }
    }

    /// <summary>The message as it goes out, with the person's data where the address may create the Maileon contact from it.</summary>
    private static AddressMessage Message(ContactState state, ContactWork work, AddressMessageKind kind, long personId)
    {
        var needsData = kind == AddressMessageKind.Legacy || work.Wish || work.Request == AddressRequestKind.Subscribe;
        return new AddressMessage
        {
            MessageId = work.MessageId ?? $"person:{personId}:entry",
            Kind = kind,
            PersonId = personId,
            At = work.At ?? DateTimeOffset.UnixEpoch,
            Actor = work.Actor ?? "pipedrive",
            Source = work.Source ?? "webhook",
            Request = work.Request,
            Wish = work.Wish,
            FromStatus = work.Status ?? SubscriptionStatus.None,
            Person = needsData ? state.Person.ToSnapshot(personId) : null,
            Legacy = work.Legacy,
            EraseInMaileon = work.Erase,
            FromReconciliation = work.FromReconciliation,
        };
    }

    private static ContactPlan NoLongerNeeded(string summary) =>
        ContactPlan.Settle(EffectOutcome.Done(summary, new ContactEffectResult.NoLongerNeeded()));

    private static string Describe(ContactWork work) => work.Kind switch
    {
        ContactWorkKind.UpdateContact => "update the Maileon contact",
        ContactWorkKind.SetNewsletterField => $"set the Newsletter field to {(work.Option?.ToString() ?? "empty")}",
        ContactWorkKind.ReadPerson => "read the person from Pipedrive",
        ContactWorkKind.TellAddress => "tell the person's e-mail address",
        ContactWorkKind.EraseContact => "ask the person's address to erase the Maileon contact",
        _ => work.Kind.ToString(),
    };
}
