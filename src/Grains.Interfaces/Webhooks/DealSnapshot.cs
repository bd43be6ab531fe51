namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>A deal as a webhook or the API showed it (v2 names; v1 names mapped). Partial in a v2 change's <c>previous</c>.</summary>
[GenerateSerializer, Immutable, Alias("pm.DealSnapshot")]
public sealed record DealSnapshot
{
    [Id(0)] public required long Id { get; init; }
    [Id(1)] public string? Title { get; init; }
    [Id(2)] public decimal? Value { get; init; }
    [Id(3)] public string? Currency { get; init; }

    /// <summary><c>open</c>, <c>won</c>, <c>lost</c> or <c>deleted</c>.</summary>
    [Id(4)] public string? Status { get; init; }
    [Id(5)] public long? PersonId { get; init; }
    [Id(6)] public long? OrgId { get; init; }
    [Id(7)] public long? OwnerId { get; init; }
    [Id(8)] public DateOnly? ExpectedCloseDate { get; init; }
    [Id(9)] public DateTimeOffset? UpdateTime { get; init; }

    /// <summary>The deal's Smart BCC address when the payload carries it (v1 <c>cc_email</c>); v2 needs an API read.</summary>
    [Id(10)] public string? SmartBccEmail { get; init; }

    /// <summary>Names that v1 payloads embed (<c>person_name</c>, <c>org_name</c>, <c>owner_name</c>); v2 sends ids only.</summary>
    [Id(11)] public string? PersonName { get; init; }
    [Id(12)] public string? OrgName { get; init; }
    [Id(13)] public string? OwnerName { get; init; }
    [Id(14)] public IReadOnlySet<string> PresentFields { get; init; } = new HashSet<string>();
}
