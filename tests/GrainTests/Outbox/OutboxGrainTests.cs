using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Outbox;

[Collection(ClusterCollection.Name)]
public sealed class OutboxGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Effects_run_in_order_after_the_request_returns_and_leave_the_outbox()
    {
        var (grain, key) = NewProbe();

        await grain.Enqueue(["a", "b", "c"]);
        var view = await WaitAsync(grain, v => v.Completed.Count == 3);

        Assert.Equal(["a", "b", "c"], view.Completed);
        Assert.Equal(["a", "b", "c"], fixture.Effects.AttemptsFor(key));
        Assert.Empty(view.Pending);
    }

    [Fact]
    public async Task Transient_failures_are_retried_until_the_effect_succeeds()
    {
        var (grain, key) = NewProbe();
        fixture.Effects.Script(key, "flaky", EffectOutcome.Retry("503"), EffectOutcome.Retry("timeout"), EffectOutcome.Done("ok"));

        await grain.Enqueue(["flaky", "after"]);
        var view = await WaitAsync(grain, v => v.Completed.Count == 2);

        Assert.Equal(["flaky", "flaky", "flaky", "after"], fixture.Effects.AttemptsFor(key));
        Assert.Equal(["flaky", "after"], view.Completed);
    }

    [Fact]
    public async Task A_permanent_failure_is_parked_visibly_and_later_work_still_runs_until_a_retry_is_asked_for()
    {
        var (grain, key) = NewProbe();
        fixture.Effects.Script(key, "bad", EffectOutcome.Fail("400 invalid email"));

        await grain.Enqueue(["bad", "good"]);
        var parked = await WaitAsync(grain, v => v.Completed.Contains("good"));

        Assert.Equal(["bad: 400 invalid email"], parked.Parked);
        Assert.Contains(fixture.Journal.Activity(long.Parse(key, System.Globalization.CultureInfo.InvariantCulture)),
            a => a.Message.Contains("bad: Parked", StringComparison.Ordinal));

        await grain.RetryParked();
        var retried = await WaitAsync(grain, v => v.Completed.Contains("bad"));
        Assert.Empty(retried.Parked);
    }

    [Fact]
    public async Task Too_many_transient_failures_park_the_entry()
    {
        var (grain, key) = NewProbe();
        fixture.Effects.Script(key, "down", Enumerable.Repeat(EffectOutcome.Retry("503"), 10).ToArray());

        await grain.Enqueue(["down"]);
        var view = await WaitAsync(grain, v => v.Parked.Count == 1);

        Assert.Equal(4, fixture.Effects.AttemptsFor(key).Count);
        Assert.Equal(["down: 503"], view.Parked);
    }

    [Fact]
    public async Task Journal_entries_reach_the_writer_and_leave_the_stored_state_when_the_grain_is_woken_or_goes_idle()
    {
        var (grain, key) = NewProbe();
        var companyId = long.Parse(key, System.Globalization.CultureInfo.InvariantCulture);

        await grain.Enqueue(["x"]);
        var done = await WaitAsync(grain, v => v.Completed.Count == 1);
        await WaitUntilAsync(() => fixture.Journal.Activity(companyId).Any(a => a.Message.StartsWith("x: Completed", StringComparison.Ordinal)));

        // Copied, but still in the stored state with a later due time (only a crash would make that matter).
        Assert.True(done.StoredJournalEntries > 0);
        Assert.NotNull(done.OutboxDueAt);

        await ((PipedriveMaileon.Grains.Interfaces.Hosting.IOutboxParticipant)grain.AsReference<PipedriveMaileon.Grains.Interfaces.Hosting.IOutboxParticipant>()).Wake();
        var pruned = await grain.View();
        Assert.Equal(0, pruned.StoredJournalEntries);
        Assert.Null(pruned.OutboxDueAt);
    }

    [Fact]
    public async Task Journal_entries_stay_stored_while_the_journal_store_is_down()
    {
        var (grain, key) = NewProbe();
        var companyId = long.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
        fixture.Effects.Script(key, "y", EffectOutcome.Done("y done"));

        fixture.Journal.Failing = true;
        try
        {
            await grain.Enqueue(["y"]);
            var view = await WaitAsync(grain, v => v.Completed.Count == 1);
            Assert.True(view.StoredJournalEntries > 0);
            Assert.DoesNotContain(fixture.Journal.Activity(companyId), a => a.Message.StartsWith("y: Completed", StringComparison.Ordinal));
        }
        finally
        {
            fixture.Journal.Failing = false;
        }

        await WaitUntilAsync(() => fixture.Journal.Activity(companyId).Any(a => a.Message.StartsWith("y: Completed", StringComparison.Ordinal)));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }

    private (IOutboxProbeGrain Grain, string Key) NewProbe()
    {
        var key = Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (fixture.Grains.GetGrain<IOutboxProbeGrain>(1, key), key);
    }

    private static async Task<OutboxProbeView> WaitAsync(IOutboxProbeGrain grain, Func<OutboxProbeView, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        OutboxProbeView view;
        while (!condition(view = await grain.View()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met; last view: {System.Text.Json.JsonSerializer.Serialize(view)}");
            }

            await Task.Delay(20);
        }

        return view;
    }
}
