namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// The three Maileon contact-event types for deals by the outbox work they carry. What they hold is the seed's table
/// (<see cref="SeedDealTypes"/>) when the app creates them, or whatever the account declares when they exist already
/// (<see cref="DealTypeAdoption"/>).
/// </summary>
public static class DealTransactionTypes
{
    public const string Added = SeedDealTypes.Added;
    public const string Updated = SeedDealTypes.Updated;
    public const string Deleted = SeedDealTypes.Deleted;

    public static IReadOnlyList<string> Names => SeedDealTypes.Names;

    public static string NameOf(DealWorkKind kind) => kind switch
    {
        DealWorkKind.Added => Added,
        DealWorkKind.Updated => Updated,
        DealWorkKind.Deleted => Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
