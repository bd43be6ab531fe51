using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Outbox;

/// <summary>
/// A minimal grain with an outbox, to test the outbox facet on its own. Work named <c>tell:X</c> is a message it sends
/// itself: <c>X</c> queued at the probe with the next id of the same company.
/// </summary>
[GrainType(OutboxProbeRules.GrainType)]
public sealed class OutboxProbeGrain([Outbox(OutboxProbeRules.GrainType)] IOutbox<OutboxProbeState, ProbeWork> outbox)
    : Grain, IOutboxProbeGrain, IOutboxParticipant, IGrainMessenger<ProbeWork>
{
    public const string TellPrefix = "tell:";

    public Task Enqueue(string[] works) => outbox.UpdateAsync((state, now) =>
    {
        foreach (var work in works)
        {
            state.Outbox.Enqueue(new ProbeWork { Name = work }, now);
        }

        return true;
    });

    public Task<OutboxProbeView> View() => Task.FromResult(new OutboxProbeView(
        outbox.State.Outbox.Entries.Where(e => e.ParkedAt is null).Select(e => e.Work.Name).ToList(),
        outbox.State.Outbox.Parked.Select(e => $"{e.Work.Name}: {e.LastError}").ToList(),
        outbox.State.Completed.ToList(),
        outbox.State.PendingActivity.Count + outbox.State.PendingLedger.Count,
        outbox.State.OutboxDueAt,
        outbox.State.Outbox.Entries.Where(e => e.WaitingSince is not null).Select(e => e.Work.Name).ToList()));

    public Task RetryParked() => outbox.RetryParkedAsync();

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();

    Task<EffectOutcome>? IGrainMessenger<ProbeWork>.TrySend(ProbeWork command) =>
        command.Name.StartsWith(TellPrefix, StringComparison.Ordinal) ? TellAsync(command.Name[TellPrefix.Length..]) : null;

    private async Task<EffectOutcome> TellAsync(string work)
    {
        var id = this.GetPrimaryKeyLong(out var company);
        await GrainFactory.GetGrain<IOutboxProbeGrain>(id + 1, company!).Enqueue([work]);
        return EffectOutcome.Done($"told {work}");
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
