using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Outbox;
using AddressPlan = PipedriveMaileon.Grains.Outbox.EffectPlan<PipedriveMaileon.Grains.Identity.AddressEffect>;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// An address's outbox rules: a double opt-in the consent no longer needs is settled without a call; a notice says
/// the address's status as it is when it goes out; Maileon's answer to a double opt-in is shown to the persons.
/// </summary>
public sealed class AddressOutboxRules : IOutboxRules<AddressState, AddressWork, AddressEffect>
{
    public string WorkKindOf(AddressWork work) => work.Kind.ToString();

    /// <summary>The DOI upsert sends a mail: it must not run twice.</summary>
    public bool NeedsIntentRecord(AddressWork work) => work.Kind == AddressWorkKind.StartDoubleOptIn;

    public AddressPlan Plan(AddressState state, OutboxEntry<AddressWork> entry, OutboxKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entry);
        var work = entry.Work;
        var address = state.Entry.Address;
        switch (work.Kind)
        {
            case AddressWorkKind.StartDoubleOptIn when state.Entry.State.Status != SubscriptionStatus.Pending:
                return AddressPlan.Settle(EffectOutcome.Done("no longer needed (the consent changed meanwhile)", new AddressEffectResult.NoLongerNeeded()));
            case AddressWorkKind.StartDoubleOptIn:
                var person = (work.Person ?? new Contacts.KnownPerson()).ToSnapshot(work.PersonId ?? 0);
                return AddressPlan.Call(new AddressEffect.StartDoubleOptIn(address, person, $"pipedrive:{key.CompanyId}:{work.Actor ?? "app"}", entry.StartedAt, work.CheckFirst));
            case AddressWorkKind.Unsubscribe:
                return AddressPlan.Call(new AddressEffect.Unsubscribe(address));
            case AddressWorkKind.Erase when state.Entry.Persons.Count > 0:
                return AddressPlan.Settle(EffectOutcome.Done("not erased: another person has the address again"));
            case AddressWorkKind.Erase:
                return AddressPlan.Call(new AddressEffect.Erase(address));
            case AddressWorkKind.Notify when work.PersonId is { } personId:
                return AddressPlan.Call(new AddressEffect.Notify(personId, Notice(state, entry)));
            default:
                return AddressPlan.Settle(EffectOutcome.Fail($"unknown work {work.Kind}"));
        }
    }

    public void Apply(AddressState state, RecordedEffect<AddressWork> effect)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(effect);
        var context = new AddressContext(effect.Key.CompanyId, state.Entry.Address, effect.Now);
        var work = effect.Work;
        var summary = effect.Outcome.Summary;
        switch (effect.Disposition)
        {
            case OutboxDisposition.Completed when effect.Outcome is EffectOutcome.Succeeded { Result: var result }:
                Completed(state, work, result, summary, context);
                break;
            case OutboxDisposition.WillRetry when effect.Entry.Attempts == 1 && work.Kind != AddressWorkKind.Notify:
                AddressFanOut.Note(state, context, ActivityLevel.Warning, $"Could not {Describe(work)} yet ({summary}); retrying automatically.", work.PersonId);
                break;
            case OutboxDisposition.WaitingForCredentials when effect.Entry.WaitingSince == effect.Now:
                AddressFanOut.Note(state, context, ActivityLevel.Warning, $"Could not {Describe(work)}: {summary}. It is tried again every few minutes, and at once when the app is reconnected or a new key is saved.", work.PersonId);
                break;
            case OutboxDisposition.Parked:
                AddressFanOut.Note(state, context, ActivityLevel.Error, $"Gave up trying to {Describe(work)} after {effect.Entry.Attempts} attempt(s): {summary}. Use \"Retry failed\" on the settings page once the cause is fixed.", work.PersonId);
                if (work.Kind is AddressWorkKind.StartDoubleOptIn or AddressWorkKind.Unsubscribe)
                {
                    var status = state.Entry.State.Status;
                    AddressFanOut.NotifyAll(state, context, () => new AddressWork
                    {
                        Ledger = AddressFanOut.Line(status, status, $"Maileon call failed: {Describe(work)}", "system", "maileon-api", context.Now, summary),
                    });
                }

                break;
        }
    }

    private static void Completed(AddressState state, AddressWork work, EffectResult result, string summary, AddressContext context)
    {
        switch (result)
        {
            case AddressEffectResult.DoiRequested requested when state.Entry.State.Status == SubscriptionStatus.Pending:
                Notes(state, context, requested.Notes, work.PersonId);
                AddressFanOut.NotifyAll(state, context, person => new AddressWork
                {
                    WriteField = true,
                    Ledger = AddressFanOut.Line(SubscriptionStatus.Pending, SubscriptionStatus.Pending, "Maileon accepted the contact; the double opt-in mail is on its way.", "system", "maileon-api", context.Now, summary),
                    ContactDataAt = person == work.PersonId ? work.Person?.DataAt ?? DateTimeOffset.MinValue : null,
                });
                break;
            case AddressEffectResult.DoiAlreadyConfirmed confirmed when state.Entry.State.Status == SubscriptionStatus.Pending:
                Notes(state, context, confirmed.Notes, work.PersonId);
                AddressDecisions.AlreadyConfirmed(state, context, summary);
                break;
            case var _ when work.Kind == AddressWorkKind.Unsubscribe:
                // The ledger records the Maileon outcome of every consent call, for each person with the address.
                var status = state.Entry.State.Status;
                AddressFanOut.NotifyAll(state, context, () => new AddressWork
                {
                    Ledger = AddressFanOut.Line(status, status, "Maileon unsubscribe call.", "system", "maileon-api", context.Now, summary),
                });
                break;
            case var _ when work.Kind == AddressWorkKind.Erase:
                AddressFanOut.Note(state, context, ActivityLevel.Info, $"Maileon: {summary}.", work.PersonId);
                break;
        }
    }

    /// <summary>The notice as it goes out: the address's status now.</summary>
    private static AddressNotice Notice(AddressState state, OutboxEntry<AddressWork> entry)
    {
        var work = entry.Work;
        return new AddressNotice
        {
            NoticeId = $"address:{state.Entry.Address}:{entry.Id}",
            Address = state.Entry.Address,
            Status = state.Entry.State.Status,
            WriteField = work.WriteField,
            Register = work.Register,
            FieldNow = work.FieldNow,
            Ledger = work.Ledger,
            Note = work.Note,
            NoteIsWarning = work.Warning,
            ContactDataAt = work.ContactDataAt,
        };
    }

    private static void Notes(AddressState state, AddressContext context, IReadOnlyList<string> notes, long? personId)
    {
        foreach (var note in notes)
        {
            AddressFanOut.Note(state, context, ActivityLevel.Info, note, personId);
        }
    }

    private static string Describe(AddressWork work) => work.Kind switch
    {
        AddressWorkKind.StartDoubleOptIn => "send the contact to Maileon with double opt-in",
        AddressWorkKind.Unsubscribe => "unsubscribe the address in Maileon",
        AddressWorkKind.Erase => "erase the contact in Maileon",
        _ => $"tell person {work.PersonId} about its address",
    };
}
