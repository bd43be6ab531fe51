using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.UnitTests.Outbox;

public sealed class OutboxQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetryPolicy Policy = new(maxAttempts: 3, first: TimeSpan.FromSeconds(1), cap: TimeSpan.FromSeconds(10));

    [Fact]
    public void Failures_park_the_entry_after_the_allowed_attempts()
    {
        var queue = new OutboxQueue<string>();
        var entry = queue.Enqueue("work", T0);
        Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
        Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
        Assert.Equal(OutboxDisposition.Parked, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
    }

    [Fact]
    public void Being_throttled_waits_for_retry_after_and_never_parks()
    {
        var queue = new OutboxQueue<string>();
        var entry = queue.Enqueue("work", T0);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.Throttle("429", TimeSpan.FromSeconds(30)), T0, Policy, 0.5));
            Assert.True(entry.DueAt >= T0 + TimeSpan.FromSeconds(30));
        }

        // Real failures still count: two more are allowed before the third parks it.
        Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
        Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
        Assert.Equal(OutboxDisposition.Parked, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
        Assert.Equal(1, queue.Unpark(T0));
        Assert.Equal(0, entry.Throttles);
    }
}
