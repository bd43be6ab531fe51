namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// How fast a first sync may go: at most <see cref="BudgetShare"/> of each day's Pipedrive token budget (the rest stays
/// for live sync, reconciliation and the company's other integrations), and steady call rates well below Pipedrive's
/// burst limit (80 requests per 2 s on the smallest plan) and what a Maileon account takes.
/// </summary>
public sealed record FirstSyncPace(double BudgetShare, double PipedriveCallsPerSecond, double MaileonCallsPerSecond)
{
    public static FirstSyncPace Default { get; } = new(0.5, 10, 5);
}
