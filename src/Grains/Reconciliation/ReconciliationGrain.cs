using Microsoft.Extensions.Logging;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// One tenant's reconciliation. Every <see cref="ReconciliationOptions.IntervalMinutes"/> (or on "Run now") a
/// <see cref="ReconciliationRun"/> reads, since each source's checkpoint, the Maileon unsubscriptions report, the
/// Maileon contacts updated (DOI confirmations) and the Pipedrive persons updated, and hands each fact to the person's
/// grain, which applies the same rules as for a webhook (and recognises what it saw already). Webhook
/// re-registration is the tenant's self-check (<see cref="ITenantHealthGrain"/>), not this grain's job.
/// </summary>
[GrainType(GrainTypes.Reconciliation)]
public sealed partial class ReconciliationGrain(
    [Outbox(GrainTypes.Reconciliation)] IOutbox<ReconciliationState, ReconciliationWork> outbox,
    ReconciliationServices services,
    ILogger<ReconciliationGrain> logger) : Grain, IReconciliationGrain, IRemindable, IOutboxParticipant
{
    private const string ReminderName = "reconciliation";

    private IGrainTimer? runTimer;
    private CancellationTokenSource? runCancellation;
    private bool manualRunRequested;

    private long CompanyId => this.GetPrimaryKeyLong();

    private ReconciliationState State => outbox.State;

    private ReconciliationOptions Options => services.Options.Value;

    public Task<ReconciliationView> GetView() => Task.FromResult(new ReconciliationView
    {
        Scheduled = State.Scheduled,
        Running = runTimer is not null,
        LastRunStartedAt = State.LastRunStartedAt,
        LastRunFinishedAt = State.LastRunFinishedAt,
        NextRunAt = ReconciliationDecisions.NextRunAt(State, outbox.Now),
        LastError = State.LastError,
        TokensSpent = State.TokensSpent,
        TokenAllowance = State.TokenAllowance,
        Sources = State.Sources().Select(s => new ReconciliationSourceView
        {
            Name = s.Name,
            Checkpoint = s.Source.Cursor.Checkpoint,
            Found = s.Source.LastRun.Found,
            Applied = s.Source.LastRun.Applied,
            Skipped = s.Source.LastRun.Skipped,
            CaughtUp = s.Source.CaughtUp,
            Error = s.Source.LastError,
            TotalApplied = s.Source.TotalApplied,
        }).ToList(),
    });

    public Task RunNow()
    {
        manualRunRequested = true;
        StartRun();
        return Task.CompletedTask;
    }

    public async Task Start()
    {
        var interval = Options.IntervalMinutes;
        if (!State.Scheduled || State.ScheduledIntervalMinutes != interval)
        {
            // Checkpoints kept over an uninstall: catch up at once on what happened meanwhile.
            var catchUp = !State.Scheduled && State.Sources().Any(s => s.Source.Cursor.Checkpoint is not null);
            await outbox.UpdateAsync((state, now) => ReconciliationDecisions.Schedule(state, interval, Options.Overlap, now));
            await this.RegisterOrUpdateReminder(ReminderName, Options.Interval, Options.Interval);
            if (catchUp)
            {
                StartRun();
            }
        }
        else if (await this.GetReminder(ReminderName) is null)
        {
            // Registering again would postpone the next run; only a lost reminder is put back.
            await this.RegisterOrUpdateReminder(ReminderName, Options.Interval, Options.Interval);
        }
    }

    public async Task Stop()
    {
        // A run in progress stops; the checkpoints stay for a re-install (ReconciliationDecisions.Unschedule).
        runCancellation?.Cancel();
        await DropReminderAsync();
        await outbox.UpdateAsync((state, now) => ReconciliationDecisions.Unschedule(state, now));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!State.Scheduled)
        {
            await DropReminderAsync();
            return;
        }

        StartRun();
    }

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>The run goes in a timer that interleaves, so the reminder and "Run now" return at once and the view answers meanwhile.</summary>
    private void StartRun()
    {
        runTimer ??= this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var manual = manualRunRequested;
        manualRunRequested = false;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        runCancellation = cancellation;
        var run = new ReconciliationRun(outbox, services, GrainFactory, CompanyId, logger);
        try
        {
            if (await ReadTenantAsync() is not { } connection)
            {
                await run.NotRunAsync("the tenant's settings could not be read; trying again next time.", manual, cancellation.Token);
            }
            else if (!await run.RunAsync(connection, manual, cancellation.Token))
            {
                // Uninstalled: stopping is a state change, so it goes through the grain's own (non-interleaved) call.
                await GrainFactory.Reconciliation(CompanyId).Stop();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRunFailed(ex, CompanyId);
        }
        finally
        {
            runCancellation = null;
            runTimer?.Dispose();
            runTimer = null;
        }
    }

    private async Task<TenantConnection?> ReadTenantAsync()
    {
        try
        {
            services.Tenants.Forget(CompanyId);
            return await services.Tenants.GetAsync(CompanyId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not GrainStateUnavailableException)
        {
            LogRunFailed(ex, CompanyId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of tenant {CompanyId} failed")]
    private partial void LogRunFailed(Exception exception, long companyId);
}
