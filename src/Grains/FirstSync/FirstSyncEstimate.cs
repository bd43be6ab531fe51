namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// What the settings page says before a first sync runs: tokens (scan and run), calls, how many budget days it spreads
/// over, and how long it takes. It never plans more than the pace's share of a day's budget, so it cannot exhaust it.
/// </summary>
public sealed record FirstSyncEstimate(
    long ScanTokens,
    long RunTokens,
    long PipedriveCalls,
    long MaileonCalls,
    long TokensPerDay,
    int BudgetDays,
    TimeSpan Duration)
{
    public long TotalTokens => ScanTokens + RunTokens;

    public bool FinishesToday => BudgetDays == 1;
}
