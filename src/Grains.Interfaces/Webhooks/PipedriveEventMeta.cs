namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// The envelope of one Pipedrive webhook delivery, normalised across v1 and v2.
/// <see cref="EventId"/> identifies the event across retries: v2 <c>meta.id</c>; for v1 (which has no event id) it
/// is built from webhook id, object, id, action and <c>timestamp_micro</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.PipedriveEventMeta")]
public sealed record PipedriveEventMeta
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required long CompanyId { get; init; }
    [Id(2)] public required PipedriveEntity Entity { get; init; }
    [Id(3)] public required PipedriveAction Action { get; init; }
    [Id(4)] public required long EntityId { get; init; }

    /// <summary>The Pipedrive user who made the change (the app's installing user when it was our own write).</summary>
    [Id(5)] public long? UserId { get; init; }

    /// <summary>When the change happened at Pipedrive (the source timestamp used for ordering).</summary>
    [Id(6)] public required DateTimeOffset Timestamp { get; init; }

    /// <summary><c>app</c> (a person in the UI) or <c>api</c> (an integration, possibly us).</summary>
    [Id(7)] public string? ChangeSource { get; init; }

    /// <summary>1 for the first delivery; more on Pipedrive's retries.</summary>
    [Id(8)] public int Attempt { get; init; } = 1;

    [Id(9)] public bool IsBulkEdit { get; init; }

    /// <summary>On the delete of a person or deal merged into another: the survivor's id.</summary>
    [Id(10)] public long? MergedToId { get; init; }

    /// <summary>On the survivor's change after a merge: the id of the object merged into it.</summary>
    [Id(11)] public long? MergedFromId { get; init; }

    /// <summary>Webhook format version, 1 or 2.</summary>
    [Id(12)] public int Version { get; init; } = 2;

    [Id(13)] public long? WebhookId { get; init; }
}
