using System.Globalization;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Outbox;

[Collection(ClusterCollection.Name)]
public sealed class OutboxTests(ClusterFixture fixture)
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
    public async Task A_message_to_another_grain_is_sent_by_the_grain_in_line_with_its_effects_and_never_reaches_the_handler()
    {
        var (grain, key) = NewProbe();
        var receiver = fixture.Grains.GetGrain<IOutboxProbeGrain>(2, key);

        await grain.Enqueue(["a", OutboxProbeGrain.TellPrefix + "x", "b"]);
        var view = await WaitAsync(grain, v => v.Completed.Count == 3);
        var received = await WaitAsync(receiver, v => v.Completed.Count == 1);

        Assert.Equal(["a", "tell:x", "b"], view.Completed);
        Assert.Equal(["x"], received.Completed);
        Assert.Equal(["a", "b", "x"], fixture.Effects.AttemptsFor(key).Order(StringComparer.Ordinal));
        Assert.Contains(fixture.Journal.Activity(Company(key)), a => a.Message == "tell:x: Completed (told x)");
    }

    [Fact]
    public async Task A_slow_effect_does_not_hold_up_requests_and_later_work_waits_its_turn()
    {
        var (grain, key) = NewProbe();
        var hold = fixture.Effects.Hold(key, "slow");

        await grain.Enqueue(["slow"]);
        await WaitUntilAsync(() => fixture.Effects.AttemptsFor(key).Count == 1);
        // While the effect's call is open, the grain still records requests (each one is a stored write).
        for (var i = 0; i < 5; i++)
        {
            await grain.Enqueue([$"next{i}"]).WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(["slow"], fixture.Effects.AttemptsFor(key));
        Assert.Equal(6, (await grain.View()).Pending.Count);

        hold.SetResult();
        var view = await WaitAsync(grain, v => v.Completed.Count == 6);
        Assert.Equal(["slow", "next0", "next1", "next2", "next3", "next4"], view.Completed);
    }

    [Fact]
    public async Task Work_due_now_needs_no_grain_timer_and_only_a_retry_waiting_for_later_takes_one()
    {
        // Orleans keeps a timer's bookkeeping on the activation until it deactivates: work due now (steps, effects, a
        // message to another grain, the journal) asks for its turns by calls, so an idle grain holds none of it.
        var (grain, probe) = NewProbe();
        await grain.Enqueue(["a", OutboxProbeGrain.TellPrefix + "x", "b"]);
        await WaitAsync(grain, v => v.Completed.Count == 3);
        await WaitUntilAsync(() => fixture.Journal.Activity(Company(probe)).Any(a => a.Message.StartsWith("b: Completed", StringComparison.Ordinal)));
        Assert.Equal(0, fixture.Timers.For(grain.GetGrainId()));

        var (retried, key) = NewProbe();
        fixture.Effects.Script(key, "flaky", EffectOutcome.Retry("503"), EffectOutcome.Done("ok"));
        await retried.Enqueue(["flaky"]);
        await WaitAsync(retried, v => v.Completed.Count == 1);
        Assert.Equal(1, fixture.Timers.For(retried.GetGrainId()));
    }

    [Fact]
    public async Task A_lost_step_call_holds_the_work_back_only_until_the_sweeper_wakes_the_grain()
    {
        var (grain, _) = NewProbe();
        await grain.View();
        fixture.LostSteps.LoseNext(grain.GetGrainId());
        var lostBefore = fixture.LostSteps.Lost;

        await grain.Enqueue(["a"]);
        await WaitUntilAsync(() => fixture.LostSteps.Lost == lostBefore + 1);
        await Task.Delay(300);
        Assert.Empty((await grain.View()).Completed);

        await Participant(grain).Wake();
        var view = await WaitAsync(grain, v => v.Completed.Count == 1);
        Assert.Equal(["a"], view.Completed);
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
        Assert.Contains(fixture.Journal.Activity(Company(key)), a => a.Message.Contains("bad: Parked", StringComparison.Ordinal));

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
    public async Task Waiting_for_credentials_never_parks_holds_the_line_and_resumes_at_once_when_asked()
    {
        var (grain, key) = NewProbe();
        fixture.Effects.Script(key, "locked", Enumerable.Repeat(EffectOutcome.WaitForCredentials("Maileon refused the API key"), 1).ToArray());

        await grain.Enqueue(["locked", "behind"]);
        var waiting = await WaitAsync(grain, v => v.WaitingForCredentials.Count == 1);

        Assert.Empty(waiting.Parked);
        Assert.Equal(["locked", "behind"], waiting.Pending);
        Assert.Equal(["locked"], fixture.Effects.AttemptsFor(key)); // the next try is minutes away

        Assert.Equal(1, await Participant(grain).ResumeWaiting());
        var done = await WaitAsync(grain, v => v.Completed.Count == 2);
        Assert.Equal(["locked", "behind"], done.Completed);
    }

    [Fact]
    public async Task An_attempt_under_way_when_the_credentials_are_renewed_goes_again_at_once_if_it_is_refused_for_them()
    {
        var (grain, key) = NewProbe();
        var hold = fixture.Effects.Hold(key, "mid-call");
        fixture.Effects.Script(key, "mid-call", EffectOutcome.WaitForCredentials("Pipedrive refused the old token"));

        await grain.Enqueue(["mid-call", "behind"]);
        await WaitUntilAsync(() => fixture.Effects.AttemptsFor(key).Count == 1);
        // The admin reconnects while the call with the old credentials is still out: nothing is recorded as waiting yet.
        Assert.Equal(0, await Participant(grain).ResumeWaiting());
        hold.SetResult();

        // Without the renewal the refusal would wait for the periodic re-check, minutes away (see the test above).
        var done = await WaitAsync(grain, v => v.Completed.Count == 2);
        Assert.Equal(["mid-call", "behind"], done.Completed);
        Assert.Equal(["mid-call", "mid-call", "behind"], fixture.Effects.AttemptsFor(key));
        Assert.Equal([false, true], fixture.Effects.AttemptsOf(key, "mid-call").Select(a => a.AfterCredentialWait));
    }

    [Fact]
    public async Task An_effect_that_must_not_run_twice_is_first_in_this_activation_only_after_its_start_was_stored()
    {
        var (grain, key) = NewProbe();
        fixture.Effects.Script(key, "once-doi", EffectOutcome.Retry("503"), EffectOutcome.Done("sent"));

        await grain.Enqueue(["once-doi"]);
        await WaitAsync(grain, v => v.Completed.Count == 1);

        var attempts = fixture.Effects.AttemptsOf(key, "once-doi");
        Assert.Equal([false, true], attempts.Select(a => a.MayHaveRunBefore));
    }

    [Fact]
    public async Task After_a_crash_stored_work_resumes_and_an_effect_whose_start_was_stored_knows_it_may_have_run()
    {
        var key = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        var grainId = GrainId.Create(GrainType.Create(OutboxProbeRules.GrainType), GrainIdKeyExtensions.CreateIntegerKey(1, key));
        // As a crashed activation left it: the DOI-like effect's start stored, its outcome lost, one more entry behind it.
        await StoredStates.SeedAsync<OutboxProbeState>(fixture.Silo, grainId, OutboxProbeRules.GrainType, """
            {"OutboxDueAt":"2026-05-01T10:00:01+00:00","Outbox":{"Entries":[
              {"Id":1,"Work":{"Name":"once-crashed"},"CreatedAt":"2026-05-01T10:00:00+00:00","DueAt":"2026-05-01T10:00:00+00:00","StartedAt":"2026-05-01T10:00:01+00:00"},
              {"Id":2,"Work":{"Name":"behind"},"CreatedAt":"2026-05-01T10:00:00+00:00","DueAt":"2026-05-01T10:00:00+00:00"}],"LastId":2}}
            """);

        // The sweeper's wake activates it; activation resumes the work.
        var grain = fixture.Grains.GetGrain<IOutboxProbeGrain>(1, key);
        await Participant(grain).Wake();
        var view = await WaitAsync(grain, v => v.Completed.Count == 2);

        Assert.Equal(["once-crashed", "behind"], view.Completed);
        Assert.True(Assert.Single(fixture.Effects.AttemptsOf(key, "once-crashed")).MayHaveRunBefore);
    }

    [Fact]
    public async Task Work_left_by_a_deactivated_activation_resumes_in_the_next_one()
    {
        var (grain, key) = NewProbe();
        fixture.Effects.Script(key, "later", EffectOutcome.Retry("503", TimeSpan.FromSeconds(1)));

        await grain.Enqueue(["later"]);
        await WaitUntilAsync(() => fixture.Effects.AttemptsFor(key).Count == 1);
        await grain.Deactivate();
        await Task.Delay(200);

        var view = await WaitAsync(grain, v => v.Completed.Count == 1);
        Assert.Equal(["later", "later"], fixture.Effects.AttemptsFor(key));
        Assert.Empty(view.Pending);
    }

    [Fact]
    public async Task Journal_entries_reach_the_writer_and_leave_the_stored_state_when_the_grain_is_woken_or_goes_idle()
    {
        var (grain, key) = NewProbe();

        await grain.Enqueue(["x"]);
        var done = await WaitAsync(grain, v => v.Completed.Count == 1);
        await WaitUntilAsync(() => fixture.Journal.Activity(Company(key)).Any(a => a.Message.StartsWith("x: Completed", StringComparison.Ordinal)));

        // Copied, but still in the stored state with a later due time (only a crash would make that matter).
        Assert.True(done.StoredJournalEntries > 0);
        Assert.NotNull(done.OutboxDueAt);

        await Participant(grain).Wake();
        var pruned = await grain.View();
        Assert.Equal(0, pruned.StoredJournalEntries);
        Assert.Null(pruned.OutboxDueAt);
    }

    [Fact]
    public async Task Journal_entries_stay_stored_while_the_journal_store_is_down()
    {
        var (grain, key) = NewProbe();
        fixture.Effects.Script(key, "y", EffectOutcome.Done("y done"));

        fixture.Journal.Failing = true;
        try
        {
            await grain.Enqueue(["y"]);
            var view = await WaitAsync(grain, v => v.Completed.Count == 1);
            Assert.True(view.StoredJournalEntries > 0);
            Assert.DoesNotContain(fixture.Journal.Activity(Company(key)), a => a.Message.StartsWith("y: Completed", StringComparison.Ordinal));
        }
        finally
        {
            fixture.Journal.Failing = false;
        }

        await WaitUntilAsync(() => fixture.Journal.Activity(Company(key)).Any(a => a.Message.StartsWith("y: Completed", StringComparison.Ordinal)));
    }

    private static IOutboxParticipant Participant(IOutboxProbeGrain grain) => grain.AsReference<IOutboxParticipant>();

    private static long Company(string key) => long.Parse(key, CultureInfo.InvariantCulture);

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
        var key = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
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
