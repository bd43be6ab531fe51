namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>How a source's scan ended: <see cref="CaughtUp"/> when the pass finished, false when it stopped early (budget, page cap).</summary>
public sealed record ScanResult(ScanCursor Cursor, ScanTally Tally, bool CaughtUp);
