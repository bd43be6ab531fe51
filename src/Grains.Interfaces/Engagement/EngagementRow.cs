namespace PipedriveMaileon.Grains.Interfaces.Engagement;

/// <summary>One row of Maileon's opens, clicks or bounces report that reached a person, with its mailing's subject.</summary>
[GenerateSerializer, Immutable, Alias("pm.EngagementRow")]
public sealed record EngagementRow
{
    [Id(0)] public EngagementRowKind Kind { get; init; }
    [Id(1)] public DateTimeOffset? Timestamp { get; init; }
    [Id(2)] public long? ContactId { get; init; }
    [Id(3)] public string? Email { get; init; }
    [Id(4)] public long MailingId { get; init; }
    [Id(5)] public long? MessageId { get; init; }
    [Id(6)] public long? LinkId { get; init; }
    [Id(7)] public string? LinkUrl { get; init; }
    [Id(8)] public string? BounceType { get; init; }
    [Id(9)] public string? StatusCode { get; init; }
    [Id(10)] public string? MailingSubject { get; init; }
}
