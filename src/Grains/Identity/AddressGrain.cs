using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// One e-mail address of one tenant (see <see cref="IAddressGrain"/>): a thin shell over <see cref="AddressDecisions"/>
/// and <see cref="FirstSyncGroupRules"/>, whose effects (<see cref="AddressOutboxRules"/>,
/// <see cref="AddressEffectHandler"/>; notices to persons are sent by this grain) run after the acknowledgement. Idle
/// after a few minutes like a person.
/// </summary>
[GrainType(GrainTypes.Address)]
// Activated on the silo of the grain that first calls it: almost always the address's one person, whose messages
// (and the notices back) then stay inside that silo instead of crossing to wherever a default placement put it.
[Orleans.Placement.PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 5)]
public sealed class AddressGrain([Outbox(GrainTypes.Address)] IOutbox<AddressState, AddressWork> outbox)
    : Grain, IAddressGrain, IOutboxParticipant, IGrainMessenger<AddressEffect>
{
    private AddressState State => outbox.State;

    public Task<IngressOutcome> AcceptMaileon(MaileonEvent maileonEvent) => MaileonAsync(maileonEvent, "webhook");

    public Task<IngressOutcome> Reconcile(MaileonEvent maileonEvent) => MaileonAsync(maileonEvent, "reconciliation");

    public async Task<IngressOutcome> Tell(AddressMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (State.HasSeen(message.MessageId))
        {
            return IngressOutcome.Duplicate;
        }

        var changed = await outbox.UpdateAsync((state, now) => AddressDecisions.Tell(state, message, Context(now)), message.MessageId);
        LeaveWhenNothingPending();
        return changed ? IngressOutcome.Accepted : IngressOutcome.Ignored("Nothing to do.");
    }

    public Task ApplyFirstSync(FirstSyncGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return outbox.UpdateAsync((state, now) => FirstSyncGroupRules.Apply(state, group, Context(now)));
    }

    public Task<AddressView> GetView()
    {
        var parked = State.Outbox.Parked.Count();
        return Task.FromResult(new AddressView
        {
            Address = Key().Address,
            Status = State.Entry.State.Status,
            StatusSince = State.Entry.State.StatusSince,
            Persons = [.. State.Entry.Persons],
            PendingEffects = State.Outbox.Entries.Count - parked,
            ParkedEffects = parked,
        });
    }

    public Task<int> RetryParked() => outbox.RetryParkedAsync();

    /// <summary>Named by the person the unsubscribe came from where known, else by the address's first person (0 when none is left).</summary>
    public Task<IReadOnlyList<PendingUnsubscribe>> PendingUnsubscribes()
    {
        var address = Key().Address;
        var person = State.Entry.Persons.FirstOrDefault();
        return Task.FromResult<IReadOnlyList<PendingUnsubscribe>>(State.Outbox.Entries
            .Where(e => e.Work.Kind == AddressWorkKind.Unsubscribe)
            .Select(e => new PendingUnsubscribe(e.Work.PersonId ?? person, address, e.ParkedAt is not null, e.LastError))
            .ToList());
    }

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();

    /// <summary>The address's notices to its persons, sent from its outbox; its Maileon calls are the handler's.</summary>
    Task<EffectOutcome>? IGrainMessenger<AddressEffect>.TrySend(AddressEffect command) =>
        command is AddressEffect.Notify notify ? NotifyAsync(notify) : null;

    /// <summary>
    /// Done once the person recorded the notice. The person records it and answers without calling this address: it
    /// tells addresses through its own outbox, so this call never waits on a grain waiting for this one.
    /// </summary>
    private async Task<EffectOutcome> NotifyAsync(AddressEffect.Notify notify)
    {
        try
        {
            await GrainFactory.Contact(Key().CompanyId, notify.PersonId).ShowAddress(notify.Notice);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return EffectOutcome.RetryHop($"person {notify.PersonId} could not be reached ({ex.GetType().Name})");
        }

        return EffectOutcome.Done($"person {notify.PersonId} notified");
    }

    private async Task<IngressOutcome> MaileonAsync(MaileonEvent maileonEvent, string source)
    {
        ArgumentNullException.ThrowIfNull(maileonEvent);
        if (State.HasSeen(maileonEvent.EventId))
        {
            return IngressOutcome.Duplicate;
        }

        var changed = await outbox.UpdateAsync((state, now) => AddressDecisions.MaileonFact(state, maileonEvent, source, Context(now)), maileonEvent.EventId);
        LeaveWhenNothingPending();
        return changed ? IngressOutcome.Accepted : IngressOutcome.Ignored("No person of this company has the address.");
    }

    /// <summary>
    /// Most messages (a person's first sight of an address nobody asked for, above all) leave nothing to do: the state
    /// is stored, so the activation goes at once instead of holding memory for minutes beside its person. The next
    /// message reads the state again.
    /// </summary>
    private void LeaveWhenNothingPending()
    {
        if (State.NothingPending())
        {
            this.DeactivateOnIdle();
        }
    }

    private (long CompanyId, string Address) Key()
    {
        var companyId = this.GetPrimaryKeyLong(out var address);
        return (companyId, address ?? throw new InvalidOperationException("An address grain's key names no address."));
    }

    private AddressContext Context(DateTimeOffset now)
    {
        var (companyId, address) = Key();
        return new AddressContext(companyId, address, now);
    }
}
