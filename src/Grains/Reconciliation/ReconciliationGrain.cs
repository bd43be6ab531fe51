using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// One tenant's reconciliation. Every <see cref="ReconciliationOptions.IntervalMinutes"/> (or on "Run now") it reads,
/// since each source's checkpoint, the Maileon unsubscriptions report, the Maileon contacts updated (DOI
/// confirmations) and the Pipedrive persons updated, and hands each fact to the person's grain, which applies the
/// same rules as for a webhook (and recognises what it saw already). Pipedrive pages are paid from a share of the
/// company's daily token budget; a run that reaches it stops and the next continues where it stopped. Webhook
/// re-registration is the tenant grain's self-healing reminder, not this grain's job.
/// </summary>
[GrainType(GrainTypes.Reconciliation)]
public sealed partial class ReconciliationGrain(
    [PersistentState("reconciliation", ClusterIdentity.StorageProvider)] IPersistentState<ReconciliationState> state,
    OutboxGrainServices services,
    TenantConnections tenants,
    PipedriveApiClient pipedrive,
    PipedriveRateLimitTracker rateLimits,
    MaileonClient maileon,
    IOptions<ReconciliationOptions> options,
    ILogger<ReconciliationGrain> logger)
    : OutboxGrain<ReconciliationState, ReconciliationWork>(state, services, logger), IReconciliationGrain, IRemindable
{
    private const string ReminderName = "reconciliation";
    private const string Area = "reconciliation";
    private const int MaileonPageSize = 1000;
    private const int ApplyConcurrency = 8;

    private IGrainTimer? runTimer;
    private CancellationTokenSource? runCancellation;
    private bool running;
    private bool manualRunRequested;

    protected override long CompanyId => this.GetPrimaryKeyLong();

    protected override long? LedgerPersonId => null;

    private ReconciliationOptions Options => options.Value;


    private string CompanyKey => CompanyId.ToString(CultureInfo.InvariantCulture);

    public Task<ReconciliationView> GetView() => Task.FromResult(new ReconciliationView
    {
        Scheduled = State.Scheduled,
        Running = running || runTimer is not null,
        LastRunStartedAt = State.LastRunStartedAt,
        LastRunFinishedAt = State.LastRunFinishedAt,
        NextRunAt = NextRunAt(),
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
            await UpdateAsync(() =>
            {
                State.Scheduled = true;
                State.ScheduledIntervalMinutes = interval;
                State.ScheduledAt = Now;
                InitialiseCheckpoints();
                Note(ActivityLevel.Info, Area, $"Reconciliation scheduled every {interval} minute(s): it catches up on webhooks Maileon or Pipedrive did not deliver.");
                return true;
            });
            await this.RegisterOrUpdateReminder(ReminderName, Options.Interval, Options.Interval);
        }
        else if (await this.GetReminder(ReminderName) is null)
        {
            // Registering again would postpone the next run; only a lost reminder is put back.
            await this.RegisterOrUpdateReminder(ReminderName, Options.Interval, Options.Interval);
        }
    }

    public async Task Stop()
    {
        runCancellation?.Cancel();
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await UpdateAsync(() =>
        {
            if (!State.Scheduled && State.Sources().All(s => s.Source.Cursor.Checkpoint is null && !s.Source.Cursor.InPass))
            {
                return false;
            }

            State.Scheduled = false;
            State.ScheduledAt = null;
            State.Unsubscriptions.Cursor = new ScanCursor();
            State.DoiConfirmations.Cursor = new ScanCursor();
            State.Persons.Cursor = new ScanCursor();
            Note(ActivityLevel.Info, Area, "Reconciliation stopped; its checkpoints were cleared.");
            return true;
        });
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!State.Scheduled)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        StartRun();
    }

    protected override string WorkKindOf(ReconciliationWork work) => "none";

    protected override Task<EffectOutcome> ExecuteAsync(OutboxEntry<ReconciliationWork> entry, CancellationToken cancellationToken) =>
        Task.FromResult(EffectOutcome.Fail("reconciliation has no side effects of its own"));

    protected override void OnOutcomeRecorded(OutboxEntry<ReconciliationWork> entry, EffectOutcome outcome, OutboxDisposition disposition)
    {
    }

    /// <summary>Runs in a timer that interleaves, so the reminder and "Run now" return at once and the view answers meanwhile.</summary>
    private void StartRun()
    {
        if (running || runTimer is not null)
        {
            return;
        }

        runTimer = this.RegisterGrainTimer(RunTimerAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan)
        {
            Interleave = true,
            KeepAlive = true,
        });
    }

    private async Task RunTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRunFailed(ex, CompanyId);
        }
        finally
        {
            runTimer?.Dispose();
            runTimer = null;
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        running = true;
        var manual = manualRunRequested;
        manualRunRequested = false;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        runCancellation = cancellation;
        try
        {
            TenantConnection connection;
            try
            {
                tenants.Forget(CompanyId);
                connection = await tenants.GetAsync(CompanyId);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not GrainStateUnavailableException)
            {
                LogRunFailed(ex, CompanyId);
                await RecordNotRunAsync("the tenant's settings could not be read; trying again next time.", manual);
                return;
            }

            if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
            {
                await Stop();
                return;
            }

            if (!connection.CanSyncContacts)
            {
                await RecordNotRunAsync("the app is not fully set up or not authorised (Maileon API key, Newsletter field, Pipedrive access).", manual);
                return;
            }

            await RunSourcesAsync(connection, manual, cancellation.Token);
        }
        finally
        {
            runCancellation = null;
            running = false;
        }
    }

    private async Task RunSourcesAsync(TenantConnection connection, bool manual, CancellationToken cancellationToken)
    {
        var started = Now;
        var hadError = State.LastError is not null;
        await UpdateAsync(() =>
        {
            State.LastRunStartedAt = started;
            State.LastRunFinishedAt = null;
            InitialiseCheckpoints();
            foreach (var (_, source) in State.Sources())
            {
                source.LastRun = new ScanTally();
            }

            return true;
        });

        var credentials = tenants.Maileon(connection);
        var clock = new MaileonWallClock(Options.MaileonZone());
        var fieldTypes = PipedrivePersonSnapshots.FieldTypes(connection);
        var budget = new ReconciliationBudget(Options.BudgetShare);

        var errors = new List<string>
        {
            await ScanAsync(
                s => s.Unsubscriptions,
                started,
                async request =>
                {
                    var page = await maileon.GetUnsubscriptionsAsync(
                        credentials, request.Since ?? DateTimeOffset.UnixEpoch, request.Until, request.PageIndex, MaileonPageSize, cancellationToken);
                    return new ScanPage<MaileonUnsubscription>(page.Items, page.HasMore(MaileonPageSize));
                },
                u => ApplyAsync(MaileonFacts.FromUnsubscription(u, CompanyId)),
                mayFetch: null,
                cancellationToken) ?? string.Empty,
            await ScanAsync(
                s => s.DoiConfirmations,
                started,
                async request =>
                {
                    var page = await maileon.ListContactsAsync(
                        credentials, request.Since is { } since ? clock.ToWallClock(since) : null, request.PageIndex, MaileonPageSize,
                        cancellationToken: cancellationToken);
                    return new ScanPage<MaileonContact>(page.Items, page.HasMore(MaileonPageSize));
                },
                c => ApplyAsync(MaileonFacts.FromContact(c, CompanyId, clock)),
                mayFetch: null,
                cancellationToken) ?? string.Empty,
            await ScanAsync(
                s => s.Persons,
                started,
                async request =>
                {
                    var page = await tenants.CallPipedriveAsync(CompanyId, pd => pipedrive.ListPersonsAsync(
                        pd, new PipedrivePersonListQuery(request.Since, request.Cursor, PipedrivePersonListQuery.MaxLimit), cancellationToken));
                    return new ScanPage<PipedrivePerson>(page.Items, page.NextCursor is not null, page.NextCursor);
                },
                p => ApplyAsync(p, fieldTypes),
                () => budget.TryReserve(PipedriveTokenCosts.ListPersons, rateLimits.Latest(CompanyId)),
                cancellationToken) ?? string.Empty,
        };
        errors.RemoveAll(e => e.Length == 0);

        await UpdateAsync(() =>
        {
            State.LastRunFinishedAt = Now;
            State.TokensSpent = budget.Spent;
            State.TokenAllowance = budget.Allowance;
            State.LastError = errors.Count == 0 ? null : string.Join(" ", errors);
            var applied = State.Sources().Sum(s => s.Source.LastRun.Applied);
            if (manual || applied > 0 || errors.Count > 0 || hadError || budget.DailyBudgetExhausted)
            {
                Note(errors.Count > 0 ? ActivityLevel.Warning : ActivityLevel.Info, Area, Summary(budget, errors));
            }

            return true;
        });
    }

    /// <summary>Scans one source; returns the error in words when it failed (its position stays where the last full page left it).</summary>
    private async Task<string?> ScanAsync<T>(
        Func<ReconciliationState, ReconciliationSourceState> select,
        DateTimeOffset now,
        Func<ScanRequest, Task<ScanPage<T>>> fetch,
        Func<T, Task<ApplyResult>> apply,
        Func<bool>? mayFetch,
        CancellationToken cancellationToken)
    {
        var name = State.Sources().First(s => ReferenceEquals(s.Source, select(State))).Name;
        string? error;
        try
        {
            var result = await CheckpointedScan.RunAsync(
                select(State).Cursor,
                now,
                Options.Overlap,
                fetch,
                apply,
                (cursor, tally) => SaveAsync(select, cursor, tally, cancellationToken),
                mayFetch,
                Options.MaxPagesPerRun,
                ApplyConcurrency,
                cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await UpdateAsync(() =>
            {
                var source = select(State);
                source.Cursor = result.Cursor;
                source.LastRun = result.Tally;
                source.CaughtUp = result.CaughtUp;
                source.LastError = null;
                source.TotalApplied += result.Tally.Applied;
                return true;
            });
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ApiClientException ex)
        {
            LogSourceFailed(CompanyId, name, ex.Kind, ex.StatusCode);
            var restart = ex.Kind is ApiFailureKind.Rejected or ApiFailureKind.NotFound && select(State).Cursor.Cursor is not null;
            error = $"{name}: {TenantSetupRunner.Describe(ex)}{(restart ? " (the saved position was refused; the pass starts again next run)" : ex.IsTransient ? " (continues next run)" : "")}.";
            await RecordSourceErrorAsync(select, error, restart);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A person's grain could not record a fact: the page is read again next run.
            LogSourceCrashed(ex, CompanyId, name);
            error = $"{name}: stopped ({ex.GetType().Name}); continues next run.";
            await RecordSourceErrorAsync(select, error, restart: false);
        }

        return error;
    }

    private async Task SaveAsync(Func<ReconciliationState, ReconciliationSourceState> select, ScanCursor cursor, ScanTally tally, CancellationToken cancellationToken)
    {
        // After Stop the checkpoints are gone: a run still in progress must not write them back.
        cancellationToken.ThrowIfCancellationRequested();
        await UpdateAsync(() =>
        {
            var source = select(State);
            source.Cursor = cursor;
            source.LastRun = tally;
            return true;
        });
    }

    private Task RecordSourceErrorAsync(Func<ReconciliationState, ReconciliationSourceState> select, string error, bool restart) =>
        UpdateAsync(() =>
        {
            var source = select(State);
            source.LastError = error;
            source.CaughtUp = false;
            source.TotalApplied += source.LastRun.Applied;
            if (restart)
            {
                source.Cursor = new ScanCursor { Checkpoint = source.Cursor.Checkpoint };
            }

            return true;
        });

    private Task RecordNotRunAsync(string reason, bool manual) =>
        UpdateAsync(() =>
        {
            var error = "Not run: " + reason;
            if (State.LastError == error && !manual)
            {
                return false;
            }

            State.LastError = error;
            Note(manual ? ActivityLevel.Warning : ActivityLevel.Info, Area, "Reconciliation " + error.ToLowerInvariant());
            return true;
        });

    private async Task<ApplyResult> ApplyAsync(MaileonFact? fact)
    {
        if (fact is null)
        {
            return ApplyResult.Skipped;
        }

        var outcome = await GrainFactory.GetGrain<IContactSyncGrain>(fact.PersonId, CompanyKey).Reconcile(fact.Event);
        return Classify(outcome);
    }

    private async Task<ApplyResult> ApplyAsync(PipedrivePerson person, IReadOnlyDictionary<string, string> fieldTypes)
    {
        if (person.IsDeleted)
        {
            return ApplyResult.Skipped;
        }

        var outcome = await GrainFactory.GetGrain<IContactSyncGrain>(person.Id, CompanyKey)
            .ReconcilePerson(PipedrivePersonSnapshots.FromApi(person, fieldTypes));
        return Classify(outcome);
    }

    private static ApplyResult Classify(IngressOutcome outcome) => outcome.Status switch
    {
        IngressStatus.Accepted => ApplyResult.Applied,
        IngressStatus.Duplicate or IngressStatus.Ignored => ApplyResult.Unchanged,
        _ => throw new InvalidOperationException($"The person's grain answered {outcome.Status}: {outcome.Reason}"),
    };

    /// <summary>Sources without a checkpoint start at the time reconciliation was scheduled (webhooks cover what came before).</summary>
    private void InitialiseCheckpoints()
    {
        var start = (State.ScheduledAt ?? Now) - Options.Overlap;
        foreach (var (_, source) in State.Sources())
        {
            if (source.Cursor.Checkpoint is null && !source.Cursor.InPass)
            {
                source.Cursor = new ScanCursor { Checkpoint = start };
            }
        }
    }

    private DateTimeOffset? NextRunAt()
    {
        if (!State.Scheduled || State.ScheduledAt is not { } scheduledAt || State.ScheduledIntervalMinutes <= 0)
        {
            return null;
        }

        var period = TimeSpan.FromMinutes(State.ScheduledIntervalMinutes);
        var elapsed = Now - scheduledAt;
        var periods = elapsed < TimeSpan.Zero ? 0 : (long)(elapsed / period);
        return scheduledAt + (periods + 1) * period;
    }

    private string Summary(ReconciliationBudget budget, IReadOnlyList<string> errors)
    {
        var parts = State.Sources().Select(s =>
        {
            var run = s.Source.LastRun;
            var text = $"{s.Name}: {run.Found} found, {run.Applied} applied";
            if (run.Skipped > 0)
            {
                text += $", {run.Skipped} not ours or without address";
            }

            return s.Source.CaughtUp || s.Source.LastError is not null ? text : text + " (continues next run)";
        });
        var summary = "Reconciliation: " + string.Join("; ", parts) + ".";
        if (budget.DailyBudgetExhausted)
        {
            summary += " Pipedrive's daily token budget is used up; persons continue after it resets.";
        }
        else if (budget.Refused)
        {
            summary += $" Stopped at this run's Pipedrive token allowance ({budget.Spent} of {budget.Allowance?.ToString(CultureInfo.InvariantCulture) ?? "?"} tokens).";
        }

        return errors.Count == 0 ? summary : summary + " " + string.Join(" ", errors);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of tenant {CompanyId} failed")]
    private partial void LogRunFailed(Exception exception, long companyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of tenant {CompanyId}: {Source} failed ({Kind}, HTTP {Status})")]
    private partial void LogSourceFailed(long companyId, string source, ApiFailureKind kind, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation of tenant {CompanyId}: {Source} stopped")]
    private partial void LogSourceCrashed(Exception exception, long companyId, string source);
}
