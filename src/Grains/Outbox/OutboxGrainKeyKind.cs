namespace PipedriveMaileon.Grains.Outbox;

public enum OutboxGrainKeyKind
{
    Integer,
    IntegerCompound,
}
