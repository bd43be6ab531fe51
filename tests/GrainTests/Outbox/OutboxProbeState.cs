using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Outbox;

public sealed class OutboxProbeState : IOutboxState<ProbeWork>
{
    public DateTimeOffset? OutboxDueAt { get; set; }

    public OutboxQueue<ProbeWork> Outbox { get; set; } = new();

    public List<ConsentLedgerRecord> PendingLedger { get; set; } = [];

    public List<ActivityRecord> PendingActivity { get; set; } = [];

    public List<string> Completed { get; set; } = [];
}
