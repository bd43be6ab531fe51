using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using ContactPlan = PipedriveMaileon.Grains.Outbox.EffectPlan<PipedriveMaileon.Grains.Contacts.ContactEffect>;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// A person's outbox rules: which call each piece of work becomes given the person's state now (work the
/// subscription no longer needs is settled without a call), and what each outcome does to the state.
/// </summary>
public sealed class ContactOutboxRules : IOutboxRules<ContactState, ContactWork, ContactEffect>
{
    public string WorkKindOf(ContactWork work) => work.Kind.ToString();

    /// <summary>The DOI upsert sends a mail: it must not run twice.</summary>
    public bool NeedsIntentRecord(ContactWork work) => work.Kind == ContactWorkKind.StartDoubleOptIn;

    public ContactPlan Plan(ContactState state, OutboxEntry<ContactWork> entry, OutboxKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        var work = entry.Work;
        var subscription = state.Subscription;
        switch (work.Kind)
        {
            case ContactWorkKind.StartDoubleOptIn:
                return subscription.Status == SubscriptionStatus.Pending && SubscriptionStateMachine.SameAddress(subscription.Email, work.Email)
                    ? ContactPlan.Call(new ContactEffect.StartDoubleOptIn(work.Email!, state.Person.ToSnapshot(key.EntityId), $"pipedrive:{key.CompanyId}:{work.Actor ?? "app"}"))
                    : NoLongerNeeded("no longer needed (the subscription changed meanwhile)");
            case ContactWorkKind.UpdateContact:
                return subscription.Status is SubscriptionStatus.Pending or SubscriptionStatus.Subscribed && subscription.Email is { } email
                    ? ContactPlan.Call(new ContactEffect.UpdateContact(email, state.Person.ToSnapshot(key.EntityId)))
                    : NoLongerNeeded("no longer needed");
            case ContactWorkKind.Unsubscribe:
                return work.Email is { } address
                    ? ContactPlan.Call(new ContactEffect.Unsubscribe(address))
                    : ContactPlan.Settle(EffectOutcome.Done("no address to unsubscribe"));
            case ContactWorkKind.SetNewsletterField:
                return state.Person.Deleted
                    ? ContactPlan.Settle(EffectOutcome.Done("person deleted; field not written"))
                    : ContactPlan.Call(new ContactEffect.SetNewsletterField(work.Option));
            case ContactWorkKind.ReadPerson:
                return ContactPlan.Call(new ContactEffect.ReadPerson());
            case ContactWorkKind.EraseContact when work.Email is { } erased:
                return ContactPlan.Call(new ContactEffect.EraseContact(erased));
            case ContactWorkKind.HandOver when work.TargetPersonId is { } target:
                return ContactPlan.Call(new ContactEffect.HandOver(target, work.Status ?? SubscriptionStatus.None, work.Email));
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
                Completed(state, work, result, summary, context);
                break;
            case OutboxDisposition.WillRetry when effect.Entry.Attempts == 1:
                ContactJournal.Note(state, context, ActivityLevel.Warning, $"Could not {Describe(work)} yet ({summary}); retrying automatically.");
                break;
            case OutboxDisposition.WaitingForCredentials when effect.Entry.WaitingSince == effect.Now:
                ContactJournal.Note(state, context, ActivityLevel.Warning, $"Could not {Describe(work)}: {summary}. It is tried again every few minutes, and at once when the app is reconnected or a new key is saved.");
                break;
            case OutboxDisposition.Parked:
                ContactJournal.Note(state, context, ActivityLevel.Error, $"Gave up trying to {Describe(work)} after {effect.Entry.Attempts} attempt(s): {summary}. Use \"Retry failed\" on the settings page once the cause is fixed.");
                if (work.Kind is ContactWorkKind.StartDoubleOptIn or ContactWorkKind.Unsubscribe or ContactWorkKind.EraseContact)
                {
                    var status = state.Subscription.Status;
                    ContactJournal.Ledger(state, "system", "maileon-api", (status, status), $"Maileon call failed: {Describe(work)}", effect.Now, work.Email, summary);
                }

                break;
        }
    }

    private static void Completed(ContactState state, ContactWork work, EffectResult result, string summary, ContactContext context)
    {
        foreach (var note in MappingNotes(result))
        {
            ContactJournal.Note(state, context, ActivityLevel.Info, note);
        }

        var subscription = state.Subscription;
        switch (work.Kind)
        {
            case ContactWorkKind.StartDoubleOptIn when result is ContactEffectResult.NoLongerNeeded:
                break;
            case ContactWorkKind.StartDoubleOptIn:
                ContactJournal.Ledger(state, "system", "maileon-api", (SubscriptionStatus.Pending, SubscriptionStatus.Pending), "Maileon accepted the contact.", context.Now, work.Email, summary);
                if (result is ContactEffectResult.DoiAlreadyConfirmed && subscription.Status == SubscriptionStatus.Pending)
                {
                    ContactDecisions.Decide(state, new ContactSignal(ContactSignalKind.DoiConfirmed, context.Now, "maileon", "maileon-api") { Email = work.Email }, context);
                }
                else if (subscription.Status == SubscriptionStatus.Pending)
                {
                    state.Outbox.Enqueue(new ContactWork { Kind = ContactWorkKind.SetNewsletterField, Option = NewsletterOption.AwaitingConfirmation }, context.Now);
                }

                break;
            case ContactWorkKind.Unsubscribe:
                ContactJournal.Ledger(state, "system", "maileon-api", (subscription.Status, subscription.Status), "Maileon unsubscribe call.", context.Now, work.Email, summary);
                break;
            case ContactWorkKind.EraseContact:
                ContactJournal.Ledger(state, "system", "maileon-api", (subscription.Status, subscription.Status), "Maileon erase call for the deleted person.", context.Now, work.Email, summary);
                break;
            case ContactWorkKind.SetNewsletterField:
                state.WrittenOption = work.Option;
                break;
            case ContactWorkKind.ReadPerson when result is ContactEffectResult.PersonRead { Person: { } person }:
                PersonRead(state, person, context);
                break;
        }
    }

    private static void PersonRead(ContactState state, Interfaces.Webhooks.PersonSnapshot person, ContactContext context)
    {
        var emailBefore = state.Person.PrimaryEmail;
        state.Person.Merge(person, person.UpdateTime ?? context.Now);
        state.Person.EmailKnown = true;
        if (!SubscriptionStateMachine.SameAddress(emailBefore, person.PrimaryEmail) || state.Subscription.AwaitingEmail)
        {
            ContactDecisions.Decide(state, new ContactSignal(ContactSignalKind.EmailChanged, person.UpdateTime ?? context.Now, "pipedrive", "pipedrive-api") { Email = person.PrimaryEmail }, context);
        }
    }

    private static IReadOnlyList<string> MappingNotes(EffectResult result) => result switch
    {
        ContactEffectResult.ContactSaved saved => saved.MappingNotes,
        ContactEffectResult.DoiRequested requested => requested.MappingNotes,
        ContactEffectResult.DoiAlreadyConfirmed confirmed => confirmed.MappingNotes,
        _ => [],
    };

    private static ContactPlan NoLongerNeeded(string summary) =>
        ContactPlan.Settle(EffectOutcome.Done(summary, new ContactEffectResult.NoLongerNeeded()));

    private static string Describe(ContactWork work) => work.Kind switch
    {
        ContactWorkKind.StartDoubleOptIn => "send the contact to Maileon with double opt-in",
        ContactWorkKind.UpdateContact => "update the Maileon contact",
        ContactWorkKind.Unsubscribe => "unsubscribe the address in Maileon",
        ContactWorkKind.SetNewsletterField => $"set the Newsletter field to {(work.Option?.ToString() ?? "empty")}",
        ContactWorkKind.ReadPerson => "read the person from Pipedrive",
        ContactWorkKind.HandOver => $"hand the subscription over to person {work.TargetPersonId}",
        ContactWorkKind.EraseContact => "erase the contact in Maileon",
        _ => work.Kind.ToString(),
    };
}
