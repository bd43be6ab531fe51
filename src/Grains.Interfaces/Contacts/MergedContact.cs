namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>What a person merged away knew about its subscription, handed to the survivor.</summary>
[GenerateSerializer, Immutable, Alias("pm.MergedContact")]
public sealed record MergedContact(
    [property: Id(0)] long FromPersonId,
    [property: Id(1)] SubscriptionStatus Status,
    [property: Id(2)] string? Email,
    [property: Id(3)] DateTimeOffset At);
