namespace PipedriveMaileon.Database.Journal;

/// <summary>One line of a tenant's activity log: what the app did or decided, and why. Never holds secrets.</summary>
public sealed class ActivityRecord
{
    public Guid EntryId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public ActivityLevel Level { get; set; }

    /// <summary><c>tenant</c>, <c>contacts</c>, <c>deals</c>, <c>webhooks</c>, <c>reconciliation</c>.</summary>
    public required string Area { get; set; }

    public long? PersonId { get; set; }
    public long? DealId { get; set; }
    public required string Message { get; set; }
}
