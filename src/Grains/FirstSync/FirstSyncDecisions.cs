using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.FirstSync;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// The first sync's state changes (pure; the grain stores them): a new first sync per installation and Maileon account,
/// the preview, the admin's confirm/pause/resume, budget waits, progress. Each notable change goes to the activity log.
/// </summary>
public static class FirstSyncDecisions
{
    public const string Area = "first sync";

    /// <summary>A first sync is due once per installation and Maileon account: a re-install or another account starts a new one.</summary>
    public static bool Prepare(FirstSyncState state, FirstSyncTrigger trigger, string syncId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(trigger);
        if (state.SyncId is not null && !state.Uninstalled && state.MaileonAccountId == trigger.MaileonAccountId)
        {
            return false;
        }

        var reason = state.SyncId is null ? "first install" : state.Uninstalled ? "re-install" : "another Maileon account";
        var replaced = state.SyncId is not null && state.Phase is not (FirstSyncPhase.Done or FirstSyncPhase.Failed) ? $" (the one before, {state.Phase}, was dropped)" : "";
        var fresh = new FirstSyncState
        {
            OutboxDueAt = state.OutboxDueAt, Outbox = state.Outbox, PendingLedger = state.PendingLedger, PendingActivity = state.PendingActivity,
            SyncId = syncId, MaileonAccountId = trigger.MaileonAccountId, Reason = reason,
            Phase = FirstSyncPhase.Scanning, ScannedFrom = now, BudgetDay = state.BudgetDay, TokensToday = state.TokensToday,
        };
        CopyInto(fresh, state);
        Note(state, now, ActivityLevel.Info, $"First sync ({reason}) started: reading every person and what Maileon holds; nothing is sent before an admin confirms the preview{replaced}.");
        return true;
    }

    public static bool PersonsRead(FirstSyncState state, int persons, bool complete, long tokens, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.ScannedPersons = persons;
        state.PipedriveCalls++;
        FirstSyncBudget.Spend(state, tokens, now);
        state.Problem = null;
        if (complete)
        {
            state.Phase = FirstSyncPhase.Deciding;
        }

        return true;
    }

    public static bool Previewed(FirstSyncState state, FirstSyncPlan plan, FirstSyncEstimate estimate, int maileonCalls, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(estimate);
        var preview = plan.Preview;
        state.ByAction = new Dictionary<FirstSyncAction, int>(preview.ByAction);
        (state.DoiMails, state.FieldWrites, state.MaileonWrites, state.MaileonCalls) = (preview.DoiMails, preview.FieldWrites, preview.MaileonWrites, maileonCalls);
        (state.EstimatedDuration, state.BudgetDays, state.EstimatedTokens) = (estimate.Duration, estimate.BudgetDays, estimate.TotalTokens);
        (state.Total, state.ScannedPersons, state.Problem) = (plan.PersonsToRun, preview.Persons, null);
        if (plan.Groups.Count == 0)
        {
            state.Phase = FirstSyncPhase.Done;
            state.FinishedAt = now;
            Note(state, now, ActivityLevel.Info, $"First sync: {preview.Persons} person(s) read; nobody is marked for the newsletter, so there is nothing to do.");
            return true;
        }

        state.Phase = FirstSyncPhase.Ready;
        Note(state, now, ActivityLevel.Info, $"First sync preview ready ({preview.Persons} persons): {preview.DoiMails} DOI mail(s) for {preview.Count(FirstSyncAction.SendDoi)} person(s), "
            + $"{preview.Count(FirstSyncAction.MarkSubscribed)} already confirmed, {preview.Count(FirstSyncAction.MarkUnsubscribed)} unsubscribed, "
            + $"{preview.Count(FirstSyncAction.SkipNoEmail) + preview.Count(FirstSyncAction.SkipInvalidEmail)} without a usable e-mail address. Nothing is sent before an admin confirms it.");
        return true;
    }

    public static bool Confirm(FirstSyncState state, long userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase != FirstSyncPhase.Ready)
        {
            return false;
        }

        (state.Phase, state.ConfirmedBy, state.RunStartedAt) = (FirstSyncPhase.Running, userId, now);
        (state.RateSince, state.ProcessedAtRateSince) = (now, state.Processed);
        Note(state, now, ActivityLevel.Info, $"First sync confirmed by user {userId}: {state.Total} person(s) are being synced, with {state.DoiMails} DOI mail(s).");
        return true;
    }

    public static bool Pause(FirstSyncState state, long userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase is not (FirstSyncPhase.Running or FirstSyncPhase.WaitingForBudget))
        {
            return false;
        }

        state.ContinueIn = state.Phase == FirstSyncPhase.WaitingForBudget ? state.ContinueIn : state.Phase;
        (state.Phase, state.ContinuesAt) = (FirstSyncPhase.Paused, null);
        Note(state, now, ActivityLevel.Info, $"First sync paused by user {userId} after {state.Processed} of {state.Total} person(s).");
        return true;
    }

    public static bool Resume(FirstSyncState state, long userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase != FirstSyncPhase.Paused)
        {
            return false;
        }

        (state.Phase, state.RateSince, state.ProcessedAtRateSince) = (state.ContinueIn, now, state.Processed);
        Note(state, now, ActivityLevel.Info, $"First sync resumed by user {userId}.");
        return true;
    }

    public static bool WaitForBudget(FirstSyncState state, DateTimeOffset until, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        (state.ContinueIn, state.Phase, state.ContinuesAt) = (state.Phase, FirstSyncPhase.WaitingForBudget, until);
        Note(state, now, ActivityLevel.Info, $"First sync: today's share of the Pipedrive API budget is spent; it continues at {until:yyyy-MM-dd HH:mm} UTC.");
        return true;
    }

    /// <summary>The budget reset: the first sync continues where it waited.</summary>
    public static bool BudgetReset(FirstSyncState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Phase != FirstSyncPhase.WaitingForBudget || state.ContinuesAt > now)
        {
            return false;
        }

        (state.Phase, state.ContinuesAt, state.RateSince, state.ProcessedAtRateSince) = (state.ContinueIn, null, now, state.Processed);
        return true;
    }

    public static bool Applied(FirstSyncState state, int groups, int persons, long tokens, DateTimeOffset now, bool finished)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (groups == 0 && !finished)
        {
            return false;
        }

        (state.NextGroup, state.Processed, state.Problem) = (state.NextGroup + groups, state.Processed + persons, null);
        FirstSyncBudget.Spend(state, tokens, now);
        if (finished)
        {
            (state.Phase, state.FinishedAt) = (FirstSyncPhase.Done, now);
            Note(state, now, ActivityLevel.Info, $"First sync done: {state.Processed} person(s) synced; {state.DoiMails} DOI mail(s) requested. Each change is in the consent ledger (source \"first sync\").");
        }

        return true;
    }

    /// <summary>A read failed: noted once per problem, tried again after <paramref name="retryAt"/>.</summary>
    public static bool Problem(FirstSyncState state, string problem, DateTimeOffset retryAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Problem != problem)
        {
            Note(state, now, ActivityLevel.Warning, $"First sync: {problem}; trying again automatically.");
        }

        (state.Problem, state.RetryAt) = (problem, retryAt);
        return true;
    }

    public static bool Uninstall(FirstSyncState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.SyncId is null || state.Uninstalled)
        {
            return false;
        }

        state.Uninstalled = true;
        return state.Phase is FirstSyncPhase.Done or FirstSyncPhase.Failed || Fail(state, "the app was uninstalled", now);
    }

    public static bool Fail(FirstSyncState state, string problem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        (state.Phase, state.Problem) = (FirstSyncPhase.Failed, problem);
        Note(state, now, ActivityLevel.Warning, $"First sync stopped: {problem}.");
        return true;
    }

    private static void Note(FirstSyncState state, DateTimeOffset now, ActivityLevel level, string message) =>
        state.PendingActivity.Add(new ActivityRecord { EntryId = Guid.NewGuid(), OccurredAt = now, Level = level, Area = Area, Message = message });

    private static void CopyInto(FirstSyncState from, FirstSyncState to)
    {
        foreach (var property in typeof(FirstSyncState).GetProperties().Where(p => p.CanWrite))
        {
            property.SetValue(to, property.GetValue(from));
        }
    }
}
