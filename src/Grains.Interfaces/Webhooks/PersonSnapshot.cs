namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// A person as a webhook (v1 <c>current</c>/<c>previous</c>, v2 <c>data</c>/<c>previous</c>) or the API showed it.
/// A v2 <c>previous</c> holds only the changed fields: <see cref="PresentFields"/> says which top-level fields
/// the source carried (wire names such as <c>name</c>, <c>emails</c>, <c>org_id</c>, <c>owner_id</c>), so "absent"
/// can be told from "cleared". <see cref="CustomFields"/> holds the custom fields that were present, keyed by
/// their 40-hex key; a field present with no value maps to <see cref="PersonFieldValue.Empty"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.PersonSnapshot")]
public sealed record PersonSnapshot
{
    [Id(0)] public required long Id { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public string? FirstName { get; init; }
    [Id(3)] public string? LastName { get; init; }

    /// <summary>All e-mail addresses in their order; <see cref="PrimaryEmail"/> picks the one flagged primary.</summary>
    [Id(4)] public IReadOnlyList<string> Emails { get; init; } = [];
    [Id(5)] public string? PrimaryEmail { get; init; }
    [Id(6)] public long? OwnerId { get; init; }
    [Id(7)] public long? OrgId { get; init; }
    [Id(8)] public DateTimeOffset? UpdateTime { get; init; }
    [Id(9)] public IReadOnlyDictionary<string, PersonFieldValue> CustomFields { get; init; } = new Dictionary<string, PersonFieldValue>();
    /// <summary>
    /// Kept as a plain array (<see cref="Has"/> looks through it): a person has a dozen or so top-level fields, and
    /// grain calls carry an array of strings much more cheaply than a set (no type name, no comparer, no re-hashing).
    /// The getter makes a new set for the few readers that want one.
    /// </summary>
    [Id(10)] private string[] presentFields = [];

    public IReadOnlySet<string> PresentFields
    {
        get => new HashSet<string>(presentFields, StringComparer.Ordinal);
        init => presentFields = [.. value];
    }

    /// <summary>Standard fields an admin may choose as extras (e.g. <c>phone</c>, <c>label</c>, <c>job_title</c>), by wire name, as text.</summary>
    [Id(11)] public IReadOnlyDictionary<string, string?> StandardFields { get; init; } = new Dictionary<string, string?>();

    public bool Has(string field) => Array.IndexOf(presentFields, field) >= 0;
}
