namespace PipedriveMaileon.GrainTests.Outbox;

/// <summary>A minimal outbox grain to test the outbox facet on its own (key: 1, extension: a company id).</summary>
public interface IOutboxProbeGrain : IGrainWithIntegerCompoundKey
{
    Task Enqueue(string[] works);

    Task<OutboxProbeView> View();

    Task RetryParked();

    /// <summary>Asks Orleans to deactivate this activation when idle (as after a silo restart, the next call activates anew).</summary>
    Task Deactivate();
}
