namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>A person's subscription as the settings page shows it.</summary>
[GenerateSerializer, Immutable, Alias("pm.ContactView")]
public sealed record ContactView(
    [property: Id(0)] long PersonId,
    [property: Id(1)] SubscriptionStatus Status,
    [property: Id(2)] string? Email,
    [property: Id(3)] DateTimeOffset? StatusSince,
    [property: Id(4)] int PendingEffects,
    [property: Id(5)] int ParkedEffects,
    [property: Id(6)] string? LastError)
{
    /// <summary>The person was deleted in Pipedrive (its grain saw the delete).</summary>
    [Id(7)] public bool PersonDeleted { get; init; }
}
