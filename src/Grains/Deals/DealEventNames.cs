namespace PipedriveMaileon.Grains.Deals;

/// <summary>What a deal webhook does not carry and is looked up for the event (each may stay unknown).</summary>
public sealed record DealEventNames(string? PersonName, string? OrgName, string? OwnerName, string? CcEmail)
{
    public static DealEventNames None { get; } = new(null, null, null, null);
}
