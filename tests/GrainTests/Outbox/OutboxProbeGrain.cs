using Microsoft.Extensions.Logging;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Outbox;

[GrainType("outboxprobe")]
public sealed class OutboxProbeGrain(
    [PersistentState("outboxprobe", ClusterIdentity.StorageProvider)] IPersistentState<OutboxProbeState> state,
    OutboxGrainServices services,
    ScriptedEffects effects,
    ILogger<OutboxProbeGrain> logger) : OutboxGrain<OutboxProbeState, ProbeWork>(state, services, logger), IOutboxProbeGrain
{
    protected override long CompanyId => long.Parse(Key, System.Globalization.CultureInfo.InvariantCulture);

    protected override long? LedgerPersonId => this.GetPrimaryKeyLong(out _);

    private string Key
    {
        get
        {
            this.GetPrimaryKeyLong(out var extension);
            return extension!;
        }
    }

    public Task Enqueue(string[] works) => UpdateAsync(() =>
    {
        foreach (var work in works)
        {
            State.Outbox.Enqueue(new ProbeWork { Name = work }, Now);
        }

        return true;
    });

    public Task<OutboxProbeView> View() => Task.FromResult(new OutboxProbeView(
        State.Outbox.Entries.Where(e => e.ParkedAt is null).Select(e => e.Work.Name).ToList(),
        State.Outbox.Parked.Select(e => $"{e.Work.Name}: {e.LastError}").ToList(),
        State.Completed.ToList(),
        State.PendingActivity.Count + State.PendingLedger.Count,
        State.OutboxDueAt));

    public Task RetryParked() => RetryParkedAsync();

    protected override string WorkKindOf(ProbeWork work) => "probe";

    protected override Task<EffectOutcome> ExecuteAsync(OutboxEntry<ProbeWork> entry, CancellationToken cancellationToken) =>
        Task.FromResult(effects.Next(Key, entry.Work.Name));

    protected override void OnOutcomeRecorded(OutboxEntry<ProbeWork> entry, EffectOutcome outcome, OutboxDisposition disposition)
    {
        if (disposition == OutboxDisposition.Completed)
        {
            State.Completed.Add(entry.Work.Name);
        }

        Note(disposition == OutboxDisposition.Parked ? ActivityLevel.Error : ActivityLevel.Info, "probe", $"{entry.Work.Name}: {disposition} ({outcome.Summary})");
    }
}
