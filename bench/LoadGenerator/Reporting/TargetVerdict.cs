namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>One target of the issue and whether this run met it ("met", "not met" or "n/a").</summary>
public sealed record TargetVerdict(string Target, string Measured, string Verdict);
