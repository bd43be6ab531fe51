using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// One tenant's first sync (see <see cref="IFirstSyncGrain"/>). A timer takes one step a second (a page of persons, a
/// few Maileon reads, or the next address groups at <see cref="FirstSyncPace"/>); a reminder brings it back after a
/// crash or deactivation, and it continues from what is stored: the persons' cursor, the Maileon reading position, the
/// next address group. Applying a group twice is harmless (the address grain recognises the first sync's id).
/// </summary>
[GrainType(GrainTypes.FirstSync)]
public sealed partial class FirstSyncGrain(
    [Outbox(GrainTypes.FirstSync)] IOutbox<FirstSyncState, FirstSyncWork> outbox,
    [PersistentState(FirstSyncGrain.ScanStateName, ClusterIdentity.StorageProvider)] IPersistentState<FirstSyncScan> scan,
    IFirstSyncSource source,
    ILogger<FirstSyncGrain> logger) : Grain, IFirstSyncGrain, IRemindable, IOutboxParticipant
{
    public const string ScanStateName = "firstsyncscan";

    private const string ReminderName = "firstsync";
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private IGrainTimer? timer;

    private long CompanyId => this.GetPrimaryKeyLong();

    private FirstSyncState State => outbox.State;

    private static FirstSyncPace Pace => FirstSyncPace.Default;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Moving(State.Phase))
        {
            StartTimer();
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task Prepare(FirstSyncTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var syncId = Guid.NewGuid().ToString("N");
        if (!await outbox.UpdateAsync((state, now) => FirstSyncDecisions.Prepare(state, trigger, syncId, now)))
        {
            return;
        }

        ForgetPlan();
        scan.State = new FirstSyncScan { SyncId = syncId };
        await scan.WriteStateAsync();
        await KeepGoingAsync();
    }

    public async Task Stop()
    {
        if (await outbox.UpdateAsync(FirstSyncDecisions.Uninstall))
        {
            ForgetPlan();
            StopTimer();
            await DropReminderAsync();
        }
    }

    public async Task Confirm(long userId)
    {
        if (await outbox.UpdateAsync((state, now) => FirstSyncDecisions.Confirm(state, userId, now)))
        {
            await KeepGoingAsync();
        }
    }

    public async Task Pause(long userId)
    {
        if (await outbox.UpdateAsync((state, now) => FirstSyncDecisions.Pause(state, userId, now)))
        {
            StopTimer();
        }
    }

    public async Task Resume(long userId)
    {
        if (await outbox.UpdateAsync((state, now) => FirstSyncDecisions.Resume(state, userId, now)))
        {
            await KeepGoingAsync();
        }
    }

    public Task<FirstSyncView> GetView() => Task.FromResult(FirstSyncViews.Of(State, outbox.Now));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (Moving(State.Phase))
        {
            StartTimer();
        }
        else
        {
            await DropReminderAsync();
        }
    }

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();

    /// <summary>Phases in which the first sync goes on by itself (a budget wait too: the reminder ends it).</summary>
    private static bool Moving(FirstSyncPhase phase) =>
        phase is FirstSyncPhase.Scanning or FirstSyncPhase.Deciding or FirstSyncPhase.Running or FirstSyncPhase.WaitingForBudget;

    private async Task KeepGoingAsync()
    {
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        StartTimer();
    }

    private void StartTimer() =>
        timer ??= this.RegisterGrainTimer(StepAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Step) { Interleave = false, KeepAlive = true });

    private void StopTimer()
    {
        timer?.Dispose();
        timer = null;
    }

    private async Task DropReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>One step; a step that cannot read is noted and tried again after <see cref="RetryAfter"/>.</summary>
    private async Task StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!Moving(State.Phase))
            {
                StopTimer();
                await DropReminderAsync();
                return;
            }

            if (State.Phase == FirstSyncPhase.WaitingForBudget)
            {
                // Until the budget resets the timer rests; the reminder looks again every minute.
                if (!await outbox.UpdateAsync(FirstSyncDecisions.BudgetReset))
                {
                    StopTimer();
                }

                return;
            }

            if (State.RetryAt > outbox.Now || !await TenantReadyAsync())
            {
                return;
            }

            await (State.Phase switch
            {
                FirstSyncPhase.Scanning => ScanStepAsync(cancellationToken),
                FirstSyncPhase.Deciding => LookupStepAsync(cancellationToken),
                _ => RunStepAsync(cancellationToken),
            });
        }
        catch (Exception ex) when (ex is ApiClientException or TenantCredentialsException)
        {
            var problem = ex is ApiClientException api ? TenantSetupRunner.Describe(api) : ex.Message;
            await outbox.UpdateAsync((state, now) => FirstSyncDecisions.Problem(state, problem, now + RetryAfter, now));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage or a grain call failed: the next step (or the reminder after a crash) tries again from what is stored.
            LogStepFailed(ex, CompanyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First sync of tenant {CompanyId}: a step failed; it is tried again")]
    private partial void LogStepFailed(Exception exception, long companyId);
}
