namespace PipedriveMaileon.Grains.Interfaces.Hosting;

/// <summary>
/// One per cluster (key 0). A reminder wakes it every minute; it asks PostgreSQL which grains have overdue outbox
/// work (typically because the silo running them died) and wakes them, so pending work resumes after any crash.
/// </summary>
public interface IOutboxSweeperGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the reminder (idempotent); called by every silo at start.</summary>
    Task Start();

    /// <summary>Sweeps once now; returns how many grains were woken.</summary>
    Task<int> SweepNow();
}
