namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>One step of setting up both sides, e.g. "Pipedrive Newsletter field" — Done, Failed or Skipped, and why.</summary>
[GenerateSerializer, Immutable, Alias("pm.SetupStepOutcome")]
public sealed record SetupStepOutcome(
    [property: Id(0)] string Step,
    [property: Id(1)] SetupStepState State,
    [property: Id(2)] string Detail,
    [property: Id(3)] DateTimeOffset At);
