namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>One source's stored position and the counts of its latest run.</summary>
public sealed class ReconciliationSourceState
{
    public ScanCursor Cursor { get; set; } = new();

    public ScanTally LastRun { get; set; } = new();

    public bool CaughtUp { get; set; }

    public string? LastError { get; set; }

    public long TotalApplied { get; set; }
}
