namespace PipedriveMaileon.Grains.Deals;

/// <summary>Whether an existing Maileon transaction type can carry the app's deal events.</summary>
/// <param name="Problem">Null when compatible; otherwise what differs, for the activity log.</param>
public sealed record DealTypeCheck(bool Compatible, bool SupportsTransactionId, string? Problem)
{
    public static DealTypeCheck Ok(bool supportsTransactionId) => new(true, supportsTransactionId, null);

    public static DealTypeCheck Mismatch(string problem) => new(false, false, problem);
}
