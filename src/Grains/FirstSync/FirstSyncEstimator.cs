using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// Estimates a first sync's cost and duration from its workload, the company's budget and the pace. The scan reads
/// persons 500 a page (10 tokens; the Newsletter field's options are known from setup); the run writes Newsletter values (5 tokens each) and
/// looks up each organization (1) and owner (2) once. Maileon costs no Pipedrive tokens, only time. Work that does not
/// fit today's share waits for the next budget day, so a large account takes days instead of exhausting a budget.
/// </summary>
public static class FirstSyncEstimator
{
    public const int PersonsPerPage = 500;

    public static FirstSyncEstimate Estimate(FirstSyncWorkload work, PipedriveBudgetView budget, FirstSyncPace pace)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(pace);
        ArgumentOutOfRangeException.ThrowIfNegative(work.Persons);
        if (pace.BudgetShare is not (> 0 and <= 1) || pace.PipedriveCallsPerSecond <= 0 || pace.MaileonCallsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pace), pace, "The share must be in (0, 1] and the rates positive.");
        }

        var pages = (work.Persons + PersonsPerPage - 1) / PersonsPerPage;
        var scanTokens = (long)pages * PipedriveTokenCosts.ListPersons;
        var runTokens = ((long)work.FieldWrites * PipedriveTokenCosts.UpdatePerson)
                        + ((long)work.OrganizationLookups * PipedriveTokenCosts.GetOrganization)
                        + ((long)work.OwnerLookups * PipedriveTokenCosts.GetUser);
        var pipedriveCalls = (long)pages + work.FieldWrites + work.OrganizationLookups + work.OwnerLookups;
        var maileonCalls = (long)work.MaileonWrites + work.MaileonReads;

        var perDay = Math.Max(1, (long)Math.Floor(pace.BudgetShare * budget.DailyLimit));
        var today = (long)Math.Floor(pace.BudgetShare * Math.Min(budget.RemainingToday, budget.DailyLimit));
        var total = scanTokens + runTokens;
        TimeSpan Working(double share) => TimeSpan.FromSeconds(Math.Max(
            share * pipedriveCalls / pace.PipedriveCallsPerSecond,
            share * maileonCalls / pace.MaileonCallsPerSecond));

        if (total <= today)
        {
            return new FirstSyncEstimate(scanTokens, runTokens, pipedriveCalls, maileonCalls, perDay, 1, Working(1));
        }

        var rest = total - today;
        var laterDays = (rest + perDay - 1) / perDay;
        var lastDay = rest - ((laterDays - 1) * perDay);
        var duration = budget.UntilReset + TimeSpan.FromDays(laterDays - 1) + Working((double)lastDay / total);
        return new FirstSyncEstimate(scanTokens, runTokens, pipedriveCalls, maileonCalls, perDay, (int)Math.Min(int.MaxValue, 1 + laterDays), duration);
    }
}
