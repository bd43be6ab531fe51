namespace PipedriveMaileon.IntegrationTests.Storage;

/// <summary>A grain state for the storage tests: which write of its writer it is.</summary>
public sealed class CounterState
{
    public int Sequence { get; set; }

    public string? Note { get; set; }
}
