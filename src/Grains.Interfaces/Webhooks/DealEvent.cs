namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>A deal webhook; <see cref="Current"/> is null on delete, <see cref="Previous"/> null on create.</summary>
[GenerateSerializer, Immutable, Alias("pm.DealEvent")]
public sealed record DealEvent(
    [property: Id(0)] PipedriveEventMeta Meta,
    [property: Id(1)] DealSnapshot? Current,
    [property: Id(2)] DealSnapshot? Previous);
