namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>Engagement: timeline entries written for a mailing's recipients, and the Pipedrive calls and tokens they cost.</summary>
public sealed record EngagementResult(int Recipients, int Entries, long? PipedriveCalls, long? PipedriveTokens, double Seconds, string? NotRun)
{
    public static EngagementResult Skipped(string reason) => new(0, 0, null, null, 0, reason);
}
