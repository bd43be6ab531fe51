namespace PipedriveMaileon.GrainTests.Outbox;

/// <summary>A minimal outbox grain to test the shared outbox machinery on its own.</summary>
public interface IOutboxProbeGrain : IGrainWithIntegerCompoundKey
{
    Task Enqueue(string[] works);

    Task<OutboxProbeView> View();

    Task RetryParked();
}
