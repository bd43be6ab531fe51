namespace PipedriveMaileon.LoadGenerator.Reporting;

/// <summary>A short closed-loop run of a rate phase at one in-flight level, to find the level the phase is measured at.</summary>
public sealed record LevelProbe(string Phase, int InFlight, double Seconds, double AckedPerSecond);
