namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>
/// The first sync of a lived-in account: persons, whether the preview's counts equal the fixture's truth, how long the
/// preview (scan and Maileon reads) and the confirmed run took, and what they cost in Pipedrive calls and tokens (usage
/// counters, from the settings save to the end) and Maileon requests (the emulator's journal over the same time).
/// </summary>
public sealed record FirstSyncResult(
    int Persons,
    bool PreviewMatchesTruth,
    string? Mismatch,
    int DoiMails,
    string? Estimate,
    double PreviewSeconds,
    double RunSeconds,
    bool Finished,
    long? PipedriveCalls,
    long? PipedriveTokens,
    long? MaileonRequests,
    string? NotRun)
{
    public static FirstSyncResult Skipped(string reason) => new(0, false, null, 0, null, 0, 0, false, null, null, null, reason);
}
