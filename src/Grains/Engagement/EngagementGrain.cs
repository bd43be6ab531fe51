using Microsoft.Extensions.Logging;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// One tenant's engagement poll. While the setting is on, every <see cref="EngagementOptions.IntervalMinutes"/> (and
/// soon after Maileon's bounce webhook or "Read now") an <see cref="EngagementRun"/> reads Maileon's opens, clicks and
/// hard-bounce reports from their checkpoints and hands each row to the persons whose primary address it concerns.
/// The reminder lives only while the setting is on; a run interrupted by a crash continues from the saved page.
/// </summary>
[GrainType(GrainTypes.Engagement)]
public sealed partial class EngagementGrain(
    [Outbox(GrainTypes.Engagement)] IOutbox<EngagementState, EngagementWork> outbox,
    EngagementServices services,
    ILogger<EngagementGrain> logger) : Grain, IEngagementGrain, IRemindable, IOutboxParticipant
{
    private const string ReminderName = "engagement";

    private IGrainTimer? runTimer;
    private CancellationTokenSource? runCancellation;
    private bool pollAgain;

    private long CompanyId => this.GetPrimaryKeyLong();

    private EngagementState State => outbox.State;

    public async Task<EngagementView> GetView()
    {
        TenantConnection? connection = null;
        try
        {
            connection = await services.Tenants.GetAsync(CompanyId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not GrainStateUnavailableException)
        {
            LogRunFailed(ex, CompanyId);
        }

        var granted = connection is not null && EngagementScopes.Problem(connection.Scopes.ToList(), EngagementTarget.Activity) is null;
        return new EngagementView
        {
            Choice = EngagementDecisions.ChoiceOf(State.Settings),
            Running = runTimer is not null,
            LastRunStartedAt = State.LastRunStartedAt,
            LastRunFinishedAt = State.LastRunFinishedAt,
            LastError = State.LastError,
            BudgetShare = services.Options.BudgetShare,
            TokensQueued = State.TokensQueued,
            TokenAllowance = State.TokenAllowance,
            StoppedAtBudget = State.StoppedAtBudget,
            Sources = [.. EngagementPoll.Sources(State.Settings).Select(kind => new EngagementSourceView
            {
                Name = kind.ToString(),
                Checkpoint = State.Poll.CursorOf(kind).Checkpoint,
                Behind = State.Poll.CursorOf(kind).InPass,
                RowsRead = State.RowsRead.GetValueOrDefault(kind.ToString()),
            })],
            Verdicts = new Dictionary<string, long>(State.Verdicts),
            PersonsReached = State.PersonsReached,
            Problem = State.Settings.Enabled && State.Settings.Target == EngagementTarget.Activity && !granted
                ? EngagementScopes.Problem(connection?.Scopes.ToList() ?? [], EngagementTarget.Activity)
                : State.BounceFieldProblem,
            ActivitiesGranted = granted,
        };
    }

    public async Task Configure(EngagementChoice choice, long actingUserId)
    {
        ArgumentNullException.ThrowIfNull(choice);
        await outbox.UpdateAsync((state, now) => EngagementDecisions.Configure(state, choice, actingUserId, services.Options.InitialLookback, now));
        if (State.Settings.Enabled)
        {
            await this.RegisterOrUpdateReminder(ReminderName, services.Options.Interval, services.Options.Interval);
            StartRun(TimeSpan.Zero);
        }
        else
        {
            runCancellation?.Cancel();
            await DropReminderAsync();
        }
    }

    public Task PollSoon()
    {
        if (State.Settings.Enabled)
        {
            // A wake-up during a run may concern rows the run has passed already: one more run follows it.
            pollAgain |= runTimer is not null;
            StartRun(TimeSpan.FromSeconds(services.Options.WakeDelaySeconds));
        }

        return Task.CompletedTask;
    }

    public Task PollNow()
    {
        if (State.Settings.Enabled)
        {
            // Pressed during a run, which may have passed the rows the admin expects: one more run follows it.
            pollAgain |= runTimer is not null;
            StartRun(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public async Task Stop()
    {
        runCancellation?.Cancel();
        await DropReminderAsync();
        await outbox.UpdateAsync((state, now) => EngagementDecisions.Stop(state, now));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!State.Settings.Enabled)
        {
            await DropReminderAsync();
            return;
        }

        StartRun(TimeSpan.Zero);
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

    /// <summary>The run goes in a timer that interleaves, so callers return at once and the view answers meanwhile.</summary>
    private void StartRun(TimeSpan delay)
    {
        runTimer ??= this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        runCancellation = cancellation;
        var run = new EngagementRun(outbox, services, GrainFactory, CompanyId, logger);
        try
        {
            services.Tenants.Forget(CompanyId);
            var connection = await services.Tenants.GetAsync(CompanyId);
            if (!await run.RunAsync(connection, cancellation.Token))
            {
                await GrainFactory.Engagement(CompanyId).Stop();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRunFailed(ex, CompanyId);
            await run.NotRunAsync($"stopped ({ex.GetType().Name}); continues next run.", CancellationToken.None);
        }
        finally
        {
            runCancellation = null;
            runTimer?.Dispose();
            runTimer = null;
            if (pollAgain && State.Settings.Enabled)
            {
                pollAgain = false;
                StartRun(TimeSpan.FromSeconds(services.Options.WakeDelaySeconds));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engagement poll of tenant {CompanyId} failed")]
    private partial void LogRunFailed(Exception exception, long companyId);
}
