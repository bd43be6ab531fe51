namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>Counts of one source in one run.</summary>
public sealed record ScanTally(int Pages = 0, long Found = 0, long Applied = 0, long Skipped = 0)
{
    public ScanTally Add(ScanTally other) => new(Pages + other.Pages, Found + other.Found, Applied + other.Applied, Skipped + other.Skipped);
}
