namespace PipedriveMaileon.Grains.Interfaces.Deals;

/// <summary>One Maileon transaction type as the deal grains use it.</summary>
/// <param name="SupportsTransactionId">
/// The type has the special <c>transaction_id</c> attribute (types created by this app do; an older type of the same
/// name may not, then events are sent without it and a retry cannot check whether an earlier attempt landed).
/// </param>
/// <param name="Declared">
/// The attributes the type declares in the account (name → Maileon type): each event attribute is sent in that type,
/// attributes the type lacks are left out. Null: the type as the app creates it (the seed's table).
/// </param>
[GenerateSerializer, Immutable, Alias("pm.DealTransactionTypeRef")]
public sealed record DealTransactionTypeRef(
    [property: Id(0)] string Name,
    [property: Id(1)] long Id,
    [property: Id(2)] bool SupportsTransactionId,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Declared = null);
