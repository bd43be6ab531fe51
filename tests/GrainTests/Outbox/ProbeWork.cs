namespace PipedriveMaileon.GrainTests.Outbox;

public sealed class ProbeWork
{
    public required string Name { get; set; }
}
