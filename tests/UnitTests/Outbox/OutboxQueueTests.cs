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

    [Fact]
    public void A_grain_hop_the_cluster_could_not_deliver_is_retried_after_about_a_second_and_never_parks()
    {
        var queue = new OutboxQueue<string>();
        var entry = queue.Enqueue("work", T0);
        for (var i = 0; i < RetryPolicy.FastHops; i++)
        {
            Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.RetryHop("silo lost"), T0, Policy, 0.5));
            Assert.Equal(T0 + TimeSpan.FromSeconds(1), entry.DueAt);
        }

        // A longer outage falls back to the usual backoff, still without parking; real failures still count.
        Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.RetryHop("silo lost"), T0, Policy, 0.5));
        Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
        Assert.Equal(OutboxDisposition.WillRetry, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
        Assert.Equal(OutboxDisposition.Parked, queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5));
    }

    [Fact]
    public void While_the_head_waits_for_its_retry_nothing_is_due_even_if_later_entries_are()
    {
        var queue = new OutboxQueue<string>();
        var head = queue.Enqueue("first", T0);
        queue.Enqueue("second", T0);
        queue.Record(head.Id, EffectOutcome.Retry("500"), T0, Policy, 0.5);

        Assert.Null(queue.Head(T0 + TimeSpan.FromMilliseconds(100)));
        Assert.Equal(head.DueAt, queue.NextDueAt());
        Assert.True(queue.NextDueAt() > T0);

        // Parked, the head steps out of the line and the second entry is next.
        queue.Record(head.Id, EffectOutcome.Fail("400"), T0, Policy, 0.5);
        Assert.Equal(T0, queue.NextDueAt());
        Assert.Equal("second", queue.Head(T0)!.Work);
    }

    [Fact]
    public void Waiting_for_credentials_uses_no_attempts_never_parks_and_resumes_when_asked()
    {
        var policy = new RetryPolicy(maxAttempts: 3, first: TimeSpan.FromSeconds(1), cap: TimeSpan.FromSeconds(10), credentialWait: TimeSpan.FromMinutes(10));
        var queue = new OutboxQueue<string>();
        var entry = queue.Enqueue("work", T0);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(OutboxDisposition.WaitingForCredentials, queue.Record(entry.Id, EffectOutcome.WaitForCredentials("key refused"), T0, policy, 0.5));
        }

        Assert.Equal(0, entry.Attempts);
        Assert.Null(entry.ParkedAt);
        Assert.Equal(T0, entry.WaitingSince);
        Assert.Equal(T0 + TimeSpan.FromMinutes(10), entry.DueAt);
        Assert.Null(queue.Head(T0 + TimeSpan.FromMinutes(1)));

        Assert.Equal(1, queue.ResumeWaiting(T0 + TimeSpan.FromMinutes(1)));
        Assert.Same(entry, queue.Head(T0 + TimeSpan.FromMinutes(1)));

        // An attempt that gets through ends the wait.
        queue.Record(entry.Id, EffectOutcome.Retry("500"), T0, policy, 0.5);
        Assert.Null(entry.WaitingSince);
        Assert.Equal(0, queue.ResumeWaiting(T0));
    }

    [Fact]
    public void A_refusal_for_credentials_renewed_during_the_attempt_is_due_at_once_and_a_second_refusal_waits()
    {
        var policy = new RetryPolicy(maxAttempts: 3, first: TimeSpan.FromSeconds(1), cap: TimeSpan.FromSeconds(10), credentialWait: TimeSpan.FromMinutes(10));
        var queue = new OutboxQueue<string>();
        var entry = queue.Enqueue("work", T0);

        Assert.Equal(OutboxDisposition.WaitingForCredentials, queue.Record(entry.Id, EffectOutcome.WaitForCredentials("old token refused"), T0, policy, 0.5, credentialsRenewedMeanwhile: true));
        Assert.Equal(T0, entry.WaitingSince);
        Assert.Same(entry, queue.Head(T0));
        Assert.Equal(0, entry.Attempts);

        queue.Record(entry.Id, EffectOutcome.WaitForCredentials("new token refused too"), T0, policy, 0.5);
        Assert.Equal(T0 + TimeSpan.FromMinutes(10), entry.DueAt);
        Assert.Null(queue.Head(T0 + TimeSpan.FromMinutes(1)));
    }
}
