namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>A deal of the first company (some values have decimals, for the integer <c>value</c> of the seed's event types).</summary>
public sealed record ManifestDeal(long DealId, long CompanyId, long PersonId, decimal Value, string Currency, string Status);
