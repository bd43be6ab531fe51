namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// A grain type the sweeper may wake: its storage state name (which is also its grain type name, by convention)
/// and how its key is stored.
/// </summary>
public sealed record OutboxSweepTarget(string StateName, OutboxGrainKeyKind KeyKind)
{
    public GrainId ToGrainId(long keyN1, string? keyExtension) => KeyKind switch
    {
        OutboxGrainKeyKind.Integer => GrainId.Create(GrainType.Create(StateName), GrainIdKeyExtensions.CreateIntegerKey(keyN1)),
        OutboxGrainKeyKind.IntegerCompound => GrainId.Create(GrainType.Create(StateName), GrainIdKeyExtensions.CreateIntegerKey(keyN1, keyExtension)),
        _ => throw new InvalidOperationException($"Unknown key kind {KeyKind}"),
    };
}
