using Npgsql;
using PipedriveMaileon.Database.GrainState;

namespace PipedriveMaileon.UnitTests.Database;

public sealed class GroupCommitWriterTests
{
    private readonly FakeWriteExecutor executor = new();

    [Fact]
    public async Task A_lone_write_goes_at_once_and_alone()
    {
        await using var writer = Writer(maxBatch: 64, slots: 1);

        var answer = writer.WriteAsync(Write(1, expected: 4));
        var call = await executor.NextAsync();
        call.Store();

        Assert.Single(call.Writes);
        Assert.Equal(5, await answer);
    }

    [Fact]
    public async Task Writes_arriving_while_a_call_is_in_flight_leave_together_in_the_next()
    {
        await using var writer = Writer(maxBatch: 64, slots: 1);
        var first = writer.WriteAsync(Write(1));
        var firstCall = await executor.NextAsync();

        var later = Enumerable.Range(2, 5).Select(i => writer.WriteAsync(Write(i))).ToList();
        Assert.True(executor.NoCallWaiting);
        firstCall.Store();
        var secondCall = await executor.NextAsync();
        secondCall.Store();

        Assert.Equal(1, await first);
        Assert.Equal([2, 3, 4, 5, 6], secondCall.Writes.Select(w => w.Key.N1).Order());
        Assert.All(await Task.WhenAll(later), version => Assert.Equal(1, version));
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_bound()
    {
        await using var writer = Writer(maxBatch: 3, slots: 1);
        var answers = new List<Task<int?>> { writer.WriteAsync(Write(0)) };
        var blocker = await executor.NextAsync();
        answers.AddRange(Enumerable.Range(1, 7).Select(i => writer.WriteAsync(Write(i))));

        blocker.Store();
        var sizes = new List<int>();
        while (sizes.Sum() < 7)
        {
            var call = await executor.NextAsync();
            sizes.Add(call.Writes.Count);
            call.Store();
        }

        Assert.Equal([3, 3, 1], sizes);
        await Task.WhenAll(answers);
    }

    [Fact]
    public async Task Free_slots_take_new_writes_at_once()
    {
        await using var writer = Writer(maxBatch: 64, slots: 2);

        _ = writer.WriteAsync(Write(1));
        _ = writer.WriteAsync(Write(2));
        var one = await executor.NextAsync();
        var two = await executor.NextAsync();

        Assert.Single(one.Writes);
        Assert.Single(two.Writes);
        one.Store();
        two.Store();
    }

    [Fact]
    public async Task A_conflict_answers_only_its_own_grain()
    {
        await using var writer = Writer(maxBatch: 64, slots: 1);
        var blocker = writer.WriteAsync(Write(0));
        var blockerCall = await executor.NextAsync();
        var ok = writer.WriteAsync(Write(1, expected: 3));
        var stale = writer.WriteAsync(Write(2, expected: 7));
        blockerCall.Store();

        var call = await executor.NextAsync();
        call.Answer.SetResult([.. call.Writes.Select(w => w.Key.N1 == 2 ? null : (int?)(w.ExpectedVersion + 1))]);

        Assert.Equal(4, await ok);
        Assert.Null(await stale);
        Assert.Equal(1, await blocker);
    }

    [Fact]
    public async Task A_failed_call_fails_every_write_in_it()
    {
        await using var writer = Writer(maxBatch: 64, slots: 1);
        var blocker = writer.WriteAsync(Write(0));
        var blockerCall = await executor.NextAsync();
        var batch = Enumerable.Range(1, 4).Select(i => writer.WriteAsync(Write(i))).ToList();
        blockerCall.Store();

        var failure = new NpgsqlException("connection lost", new IOException("reset"));
        (await executor.NextAsync()).Answer.SetException(failure);

        foreach (var answer in batch)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<NpgsqlException>(() => answer));
        }

        Assert.True(executor.NoCallWaiting);
        await blocker;
    }

    [Fact]
    public async Task A_refused_statement_is_retried_write_by_write_so_only_the_bad_write_fails()
    {
        await using var writer = Writer(maxBatch: 64, slots: 1);
        var blocker = writer.WriteAsync(Write(0));
        var blockerCall = await executor.NextAsync();
        var good = writer.WriteAsync(Write(1, expected: 1));
        var bad = writer.WriteAsync(Write(2, expected: 1));
        blockerCall.Store();

        (await executor.NextAsync()).Answer.SetException(TooLong());
        for (var i = 0; i < 2; i++)
        {
            var solo = await executor.NextAsync();
            Assert.Single(solo.Writes);
            if (solo.Writes[0].Key.N1 == 2)
            {
                solo.Answer.SetException(TooLong());
            }
            else
            {
                solo.Store();
            }
        }

        Assert.Equal(2, await good);
        await Assert.ThrowsAsync<PostgresException>(() => bad);
        await blocker;
    }

    [Fact]
    public async Task Two_writes_of_one_grain_never_overlap_and_keep_their_order()
    {
        await using var writer = Writer(maxBatch: 64, slots: 2);
        var first = writer.WriteAsync(Write(7, expected: 1));
        var firstCall = await executor.NextAsync();

        var second = writer.WriteAsync(Write(7, expected: 2));
        var other = writer.WriteAsync(Write(8));
        var otherCall = await executor.NextAsync();
        Assert.Equal([8L], otherCall.Writes.Select(w => w.Key.N1));
        otherCall.Store();
        await other;
        Assert.True(executor.NoCallWaiting);

        firstCall.Store();
        var secondCall = await executor.NextAsync();
        Assert.Equal(2, secondCall.Writes.Single().ExpectedVersion);
        secondCall.Store();
        Assert.Equal(2, await first);
        Assert.Equal(3, await second);
    }

    [Fact]
    public async Task Rows_are_written_in_key_order()
    {
        await using var writer = Writer(maxBatch: 64, slots: 1);
        var blocker = writer.WriteAsync(Write(100));
        var blockerCall = await executor.NextAsync();
        var answers = new[] { 5, 3, 9, 1 }.Select(i => writer.WriteAsync(Write(i))).ToList();
        blockerCall.Store();

        var call = await executor.NextAsync();
        call.Store();

        var hashes = call.Writes.Select(w => w.Key.GrainIdHash).ToList();
        Assert.Equal(hashes.Order(), hashes);
        await Task.WhenAll(answers);
        await blocker;
    }

    [Fact]
    public async Task Closing_answers_what_was_accepted_and_refuses_new_writes()
    {
        var writer = Writer(maxBatch: 64, slots: 1);
        var accepted = writer.WriteAsync(Write(1));
        var call = await executor.NextAsync();
        var waiting = writer.WriteAsync(Write(2));

        var closing = writer.DisposeAsync().AsTask();
        Assert.Throws<ObjectDisposedException>(() => { _ = writer.WriteAsync(Write(3)); });
        Assert.False(closing.IsCompleted);
        call.Store();
        (await executor.NextAsync()).Store();

        await closing;
        Assert.Equal(1, await accepted);
        Assert.Equal(1, await waiting);
    }

    private GroupCommitWriter Writer(int maxBatch, int slots) =>
        new(executor, new GroupCommitOptions { MaxBatchSize = maxBatch, MaxConcurrentBatches = slots });

    // The key's hash is its number scrambled, so key order differs from the order the tests write in.
    private static GrainStateWrite Write(long person, int? expected = null) =>
        new(new GrainStateKey("svc", "contact", 11, unchecked((int)(person * 2654435761)), 0, person, "42"), expected, [1, 2, 3]);

    private static PostgresException TooLong() => new("value too long for type character varying(512)", "ERROR", "ERROR", "22001");
}
