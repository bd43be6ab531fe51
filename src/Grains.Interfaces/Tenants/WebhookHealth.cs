namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>One webhook the app relies on: where it lives, whether it is registered and delivering.</summary>
[GenerateSerializer, Immutable, Alias("pm.WebhookHealth")]
public sealed record WebhookHealth(
    [property: Id(0)] string Side,
    [property: Id(1)] string Event,
    [property: Id(2)] bool Registered,
    [property: Id(3)] string State,
    [property: Id(4)] DateTimeOffset? LastDelivery,
    [property: Id(5)] string? Detail);
