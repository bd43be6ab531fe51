using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>The deal as the webhook showed it, kept in the outbox until the event is sent (plain, JSON-serialisable).</summary>
public sealed class DealFacts
{
    public long Id { get; set; }
    public string? Title { get; set; }
    public decimal? Value { get; set; }
    public string? Currency { get; set; }
    public string? Status { get; set; }
    public long? PersonId { get; set; }
    public long? OrgId { get; set; }
    public long? OwnerId { get; set; }
    public DateOnly? ExpectedCloseDate { get; set; }
    public DateTimeOffset? UpdateTime { get; set; }
    public string? SmartBccEmail { get; set; }
    public string? PersonName { get; set; }
    public string? OrgName { get; set; }
    public string? OwnerName { get; set; }

    public static DealFacts From(DealSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new DealFacts
        {
            Id = snapshot.Id,
            Title = snapshot.Title,
            Value = snapshot.Value,
            Currency = snapshot.Currency,
            Status = snapshot.Status,
            PersonId = snapshot.PersonId,
            OrgId = snapshot.OrgId,
            OwnerId = snapshot.OwnerId,
            ExpectedCloseDate = snapshot.ExpectedCloseDate,
            UpdateTime = snapshot.UpdateTime,
            SmartBccEmail = Blank(snapshot.SmartBccEmail),
            PersonName = Blank(snapshot.PersonName),
            OrgName = Blank(snapshot.OrgName),
            OwnerName = Blank(snapshot.OwnerName),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
