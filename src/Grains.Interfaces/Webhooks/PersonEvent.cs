namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// A person webhook. <see cref="Current"/> is null on delete; <see cref="Previous"/> is null on create, partial on a
/// v2 change (only changed fields) and the last state on delete.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.PersonEvent")]
public sealed record PersonEvent(
    [property: Id(0)] PipedriveEventMeta Meta,
    [property: Id(1)] PersonSnapshot? Current,
    [property: Id(2)] PersonSnapshot? Previous);
