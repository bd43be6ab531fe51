namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>The state of the link to one side (Pipedrive or Maileon), as last observed, and a message for people.</summary>
[GenerateSerializer, Immutable, Alias("pm.ConnectionHealth")]
public sealed record ConnectionHealth(
    [property: Id(0)] bool Healthy,
    [property: Id(1)] string Message,
    [property: Id(2)] DateTimeOffset? CheckedAt);
