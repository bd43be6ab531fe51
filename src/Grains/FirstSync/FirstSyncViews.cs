using PipedriveMaileon.Grains.Interfaces.FirstSync;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>The settings page's view of a first sync: the preview, and while it runs the rate and what remains.</summary>
public static class FirstSyncViews
{
    /// <summary>A rate is shown once the run has moved this long since it last started.</summary>
    private static readonly TimeSpan RateAfter = TimeSpan.FromSeconds(3);

    public static FirstSyncView Of(FirstSyncState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rate = Rate(state, now);
        var left = state.Total - state.Processed;
        return new FirstSyncView
        {
            Phase = state.Phase,
            Reason = state.Reason,
            ScannedPersons = state.ScannedPersons,
            ByAction = new Dictionary<FirstSyncAction, int>(state.ByAction),
            DoiMails = state.DoiMails,
            FieldWrites = state.FieldWrites,
            MaileonWrites = state.MaileonWrites,
            EstimatedDuration = state.EstimatedDuration,
            BudgetDays = state.BudgetDays,
            EstimatedTokens = state.EstimatedTokens,
            Processed = state.Processed,
            Total = state.Total,
            RunStartedAt = state.RunStartedAt,
            PersonsPerMinute = rate,
            Remaining = rate is > 0 && left > 0 ? TimeSpan.FromMinutes(left / rate.Value) : null,
            FinishedAt = state.FinishedAt,
            Problem = state.Problem,
            ContinuesAt = state.ContinuesAt,
        };
    }

    private static double? Rate(FirstSyncState state, DateTimeOffset now)
    {
        if (state.Phase != FirstSyncPhase.Running || state.RateSince is not { } since || now - since < RateAfter)
        {
            return null;
        }

        var done = state.Processed - state.ProcessedAtRateSince;
        return done > 0 ? done / (now - since).TotalMinutes : null;
    }
}
