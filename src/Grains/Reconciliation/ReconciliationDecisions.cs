using System.Globalization;
using PipedriveMaileon.Database.Journal;

namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// What each step of a tenant's reconciliation does to its state. Pure and deterministic (applied again after a
/// version conflict); each returns false when it changed nothing.
/// </summary>
public static class ReconciliationDecisions
{
    public const string Area = "reconciliation";

    public static bool Schedule(ReconciliationState state, int intervalMinutes, TimeSpan overlap, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Scheduled = true;
        state.ScheduledIntervalMinutes = intervalMinutes;
        state.ScheduledAt = now;
        InitialiseCheckpoints(state, overlap, now);
        Note(state, now, ActivityLevel.Info, $"Reconciliation scheduled every {intervalMinutes} minute(s): it catches up on webhooks Maileon or Pipedrive did not deliver.");
        return true;
    }

    public static bool Unschedule(ReconciliationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Scheduled)
        {
            return false;
        }

        // The checkpoints stay (a pass in progress starts again from its checkpoint): a re-install catches up from
        // where reconciliation stood at the uninstall, so changes made while the app was away are not lost.
        state.Scheduled = false;
        state.ScheduledAt = null;
        foreach (var (_, source) in state.Sources())
        {
            source.Cursor = new ScanCursor { Checkpoint = source.Cursor.Checkpoint };
        }

        Note(state, now, ActivityLevel.Info, "Reconciliation stopped; its checkpoints are kept, so a re-install catches up from here.");
        return true;
    }

    public static bool BeginRun(ReconciliationState state, TimeSpan overlap, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.LastRunStartedAt = startedAt;
        state.LastRunFinishedAt = null;
        InitialiseCheckpoints(state, overlap, startedAt);
        foreach (var (_, source) in state.Sources())
        {
            source.LastRun = new ScanTally();
        }

        return true;
    }

    /// <summary>A page was fully applied: the pass continues from here after a crash.</summary>
    public static bool SavePosition(ReconciliationSourceState source, ScanCursor cursor, ScanTally tally)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Cursor = cursor;
        source.LastRun = tally;
        return true;
    }

    public static bool SourceDone(ReconciliationSourceState source, ScanResult result)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(result);
        source.Cursor = result.Cursor;
        source.LastRun = result.Tally;
        source.CaughtUp = result.CaughtUp;
        source.LastError = null;
        source.TotalApplied += result.Tally.Applied;
        return true;
    }

    /// <summary>A source failed; <paramref name="restart"/> drops a saved position the source refused (the pass starts again).</summary>
    public static bool SourceFailed(ReconciliationSourceState source, string error, bool restart)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.LastError = error;
        source.CaughtUp = false;
        source.TotalApplied += source.LastRun.Applied;
        if (restart)
        {
            source.Cursor = new ScanCursor { Checkpoint = source.Cursor.Checkpoint };
        }

        return true;
    }

    public static bool FinishRun(ReconciliationState state, ReconciliationBudget budget, IReadOnlyList<string> errors, bool noteAlways, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(errors);
        var hadError = state.LastError is not null;
        state.LastRunFinishedAt = now;
        state.TokensSpent = budget.Spent;
        state.TokenAllowance = budget.Allowance;
        state.LastError = errors.Count == 0 ? null : string.Join(" ", errors);
        var applied = state.Sources().Sum(s => s.Source.LastRun.Applied);
        if (noteAlways || applied > 0 || errors.Count > 0 || hadError || budget.DailyBudgetExhausted)
        {
            Note(state, now, errors.Count > 0 ? ActivityLevel.Warning : ActivityLevel.Info, Summary(state, budget, errors));
        }

        return true;
    }

    /// <summary>The run could not start; said once (again each time a person asked for it).</summary>
    public static bool NotRun(ReconciliationState state, string reason, bool manual, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var error = "Not run: " + reason;
        if (state.LastError == error && !manual)
        {
            return false;
        }

        state.LastError = error;
        Note(state, now, manual ? ActivityLevel.Warning : ActivityLevel.Info, "Reconciliation " + error.ToLowerInvariant());
        return true;
    }

    /// <summary>
    /// Sources without a checkpoint start at the time reconciliation was scheduled (webhooks cover what came before);
    /// sources with one (kept over an uninstall) continue from it.
    /// </summary>
    public static void InitialiseCheckpoints(ReconciliationState state, TimeSpan overlap, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var start = (state.ScheduledAt ?? now) - overlap;
        foreach (var (_, source) in state.Sources())
        {
            if (source.Cursor.Checkpoint is null && !source.Cursor.InPass)
            {
                source.Cursor = new ScanCursor { Checkpoint = start };
            }
        }
    }

    public static DateTimeOffset? NextRunAt(ReconciliationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Scheduled || state.ScheduledAt is not { } scheduledAt || state.ScheduledIntervalMinutes <= 0)
        {
            return null;
        }

        var period = TimeSpan.FromMinutes(state.ScheduledIntervalMinutes);
        var elapsed = now - scheduledAt;
        var periods = elapsed < TimeSpan.Zero ? 0 : (long)(elapsed / period);
        return scheduledAt + (periods + 1) * period;
    }

    private static string Summary(ReconciliationState state, ReconciliationBudget budget, IReadOnlyList<string> errors)
    {
        var parts = state.Sources().Select(s =>
        {
            var run = s.Source.LastRun;
            var text = $"{s.Name}: {run.Found} found, {run.Applied} applied";
            if (run.Skipped > 0)
            {
                text += $", {run.Skipped} without a usable address";
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

    private static void Note(ReconciliationState state, DateTimeOffset now, ActivityLevel level, string message) =>
        state.PendingActivity.Add(new ActivityRecord { EntryId = Guid.NewGuid(), OccurredAt = now, Level = level, Area = Area, Message = message });
}
