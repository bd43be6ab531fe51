using Orleans.Concurrency;

namespace PipedriveMaileon.Grains.Interfaces.Reconciliation;

/// <summary>
/// One tenant's reconciliation (key: company id): a reminder catches up on what webhooks missed — Maileon
/// unsubscriptions and DOI confirmations, Pipedrive persons updated — since each source's checkpoint, within a
/// share of the tenant's daily Pipedrive token budget.
/// </summary>
public interface IReconciliationGrain : IGrainWithIntegerKey
{
    /// <summary>Progress for the settings page; answers while a run is in progress.</summary>
    [AlwaysInterleave]
    Task<ReconciliationView> GetView();

    /// <summary>Starts a run now unless one is in progress; returns without waiting for it.</summary>
    Task RunNow();

    /// <summary>Schedules the periodic runs (after a successful setup). Idempotent: never postpones a scheduled run.</summary>
    Task Start();

    /// <summary>Stops the periodic runs and forgets the checkpoints (on uninstall).</summary>
    Task Stop();
}
