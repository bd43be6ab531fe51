namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>One measurement of a scale-out topology: when its cluster was started and the rate its phase sustained.</summary>
public sealed record ScaleRun(DateTimeOffset StartedAt, double AckedPerSecond);
