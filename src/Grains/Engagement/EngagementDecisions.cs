using System.Globalization;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// What each step of a tenant's engagement poll does to its state. Pure and deterministic (applied again after a
/// version conflict); each returns false when it changed nothing.
/// </summary>
public static class EngagementDecisions
{
    public static EngagementSettings SettingsOf(EngagementChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return new EngagementSettings
        {
            Enabled = choice.Enabled,
            Opens = choice.Opens,
            Clicks = choice.Clicks,
            HardBounces = choice.HardBounces,
            Target = choice.AsActivity ? EngagementTarget.Activity : EngagementTarget.Note,
        };
    }

    public static EngagementChoice ChoiceOf(EngagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EngagementChoice
        {
            Enabled = settings.Enabled,
            Opens = settings.Opens,
            Clicks = settings.Clicks,
            HardBounces = settings.HardBounces,
            AsActivity = settings.Target == EngagementTarget.Activity,
        };
    }

    /// <summary>An admin saved the setting. Switching on starts every report's first pass at <c>now - lookback</c>.</summary>
    public static bool Configure(EngagementState state, EngagementChoice choice, long actingUserId, TimeSpan lookback, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var settings = SettingsOf(choice);
        var before = ChoiceOf(state.Settings);
        if (before == ChoiceOf(settings))
        {
            return false;
        }

        if (settings.Enabled && !state.Settings.Enabled)
        {
            state.EnabledAt = now;
            state.Poll = new EngagementPollState { StartedFrom = now - lookback };
            state.RowsRead.Clear();
        }

        state.Settings = settings;
        var what = string.Join(", ", new[] { (settings.Opens, "opens"), (settings.Clicks, "clicks"), (settings.HardBounces, "hard bounces") }.Where(c => c.Item1).Select(c => c.Item2));
        Note(state, now, string.Create(CultureInfo.InvariantCulture, $"Maileon engagement in Pipedrive {(settings.Enabled ? $"on: {(what.Length == 0 ? "nothing chosen" : what)} as {(settings.Target == EngagementTarget.Activity ? "activities" : "notes")}" : "off")} (user {actingUserId})."));
        return true;
    }

    public static bool Stop(EngagementState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.Settings.Enabled && state.Poll.StartedFrom is null)
        {
            return false;
        }

        state.Settings = new EngagementSettings { Opens = state.Settings.Opens, Clicks = state.Settings.Clicks, HardBounces = state.Settings.HardBounces, Target = state.Settings.Target };
        state.Poll = new EngagementPollState();
        (state.BounceFieldKey, state.BounceOptionId, state.BounceFieldProblem) = (null, null, null);
        Note(state, now, "Maileon engagement stopped; its checkpoints were cleared.");
        return true;
    }

    public static bool BeginRun(EngagementState state, DateTimeOffset startedAt, TimeSpan lookback)
    {
        ArgumentNullException.ThrowIfNull(state);
        (state.LastRunStartedAt, state.LastRunFinishedAt, state.StoppedAtBudget, state.PersonsReached) = (startedAt, null, false, 0);
        state.Poll.StartedFrom ??= startedAt - lookback;
        state.Verdicts.Clear();
        return true;
    }

    /// <summary>A report page was fully handed to its persons: the pass continues after it.</summary>
    public static bool SavePosition(EngagementState state, MaileonTrackingKind kind, ScanCursor cursor, long rowsRead, EngagementRoute route)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(route);
        state.Poll.Set(kind, cursor);
        state.RowsRead[kind.ToString()] = state.RowsRead.GetValueOrDefault(kind.ToString()) + rowsRead;
        foreach (var (verdict, count) in route.Verdicts)
        {
            state.Verdicts[verdict.ToString()] = state.Verdicts.GetValueOrDefault(verdict.ToString()) + count;
        }

        state.PersonsReached += route.ByPerson.Count;
        return true;
    }

    public static bool BounceField(EngagementState state, BounceFlagAdoption adoption)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(adoption);
        (state.BounceFieldKey, state.BounceOptionId, state.BounceFieldIsSet, state.BounceFieldProblem) =
            (adoption.FieldKey, adoption.OptionId, adoption.IsSet, adoption.Problem);
        return true;
    }

    public static bool FinishRun(EngagementState state, EngagementRunBudget budget, IReadOnlyList<string> errors, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(errors);
        (state.LastRunFinishedAt, state.TokensQueued, state.TokenAllowance, state.StoppedAtBudget) = (now, budget.Spent, budget.Allowance, budget.Reached);
        state.LastError = errors.Count == 0 ? null : string.Join(" ", errors);
        if (errors.Count > 0)
        {
            Note(state, now, $"Reading Maileon's engagement reports failed: {state.LastError}", ActivityLevel.Warning);
        }

        return true;
    }

    public static bool NotRun(EngagementState state, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var error = $"Not run: {reason}";
        if (state.LastError == error)
        {
            return false;
        }

        (state.LastRunStartedAt, state.LastRunFinishedAt, state.LastError) = (now, now, error);
        return true;
    }

    private static void Note(EngagementState state, DateTimeOffset now, string message, ActivityLevel level = ActivityLevel.Info) =>
        state.PendingActivity.Add(new ActivityRecord
        {
            EntryId = Guid.NewGuid(),
            OccurredAt = now,
            Level = level,
            Area = PersonEngagementDecisions.Area,
            Message = message,
        });
}
