using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>One address of a tenant: its consent and the persons whose primary address it is (the address index).</summary>
[GenerateSerializer, Immutable, Alias("pm.AddressView")]
public sealed record AddressView
{
    [Id(0)] public required string Address { get; init; }
    [Id(1)] public SubscriptionStatus Status { get; init; }
    [Id(2)] public DateTimeOffset? StatusSince { get; init; }

    /// <summary>Persons of the tenant with this primary address, ascending.</summary>
    [Id(3)] public IReadOnlyList<long> Persons { get; init; } = [];

    [Id(4)] public int PendingEffects { get; init; }
    [Id(5)] public int ParkedEffects { get; init; }
}
