using System.Text;
using Npgsql;
using Orleans.Storage;
using PipedriveMaileon.Database.GrainState;
using PipedriveMaileon.Silo.Storage;

namespace PipedriveMaileon.IntegrationTests.Storage;

/// <summary>The group-commit grain storage on the real server: version checks, failures, concurrency, clearing, old rows.</summary>
public sealed class GroupCommitStorageTests(StorageDatabase db) : IClassFixture<StorageDatabase>
{
    private static long nextPerson = 1000;

    [Fact]
    public async Task Each_write_in_one_call_gets_its_own_version_check()
    {
        var (updated, stale, taken, fresh) = (Key(), Key(), Key(), Key());
        Assert.Equal([1, 1, 1], await db.Store.WriteAsync([Write(updated, null, 1), Write(stale, null, 1), Write(taken, null, 1)], default));

        var answers = await db.Store.WriteAsync([Write(updated, 1, 2), Write(stale, 5, 2), Write(taken, null, 2), Write(fresh, null, 2)], default);

        Assert.Equal([2, null, null, 1], answers);
        Assert.Equal((2, 2), await db.RowAsync(updated));
        Assert.Equal((1, 1), await db.RowAsync(stale));
        Assert.Equal((1, 1), await db.RowAsync(taken));
        Assert.Equal((1, 2), await db.RowAsync(fresh));
    }

    [Fact]
    public async Task A_call_that_fails_stores_none_of_its_writes_and_the_writer_isolates_the_bad_one()
    {
        var (good, bad) = (Key(), Key() with { Extension = new string('x', 600) });
        await Assert.ThrowsAsync<PostgresException>(() => db.Store.WriteAsync([Write(good, null, 1), Write(bad, null, 1)], default));
        Assert.Null(await db.RowAsync(good));

        // Through the writer, gathered into one call behind a blocker: only the bad write fails.
        var calls = new CountingExecutor(db.Store);
        await using var writer = new GroupCommitWriter(new BlockFirstCall(calls, out var release), new GroupCommitOptions { MaxConcurrentBatches = 1 });
        var blocker = writer.WriteAsync(Write(Key(), null, 1));
        var goodAnswer = writer.WriteAsync(Write(good, null, 1));
        var badAnswer = writer.WriteAsync(Write(bad, null, 1));
        release();

        Assert.Equal(1, await blocker);
        Assert.Equal(1, await goodAnswer);
        await Assert.ThrowsAsync<PostgresException>(() => badAnswer);
        Assert.Equal(4, calls.Calls); // the blocker, the gathered call, then each of its two writes alone
        Assert.Equal((1, 1), await db.RowAsync(good));
    }

    [Fact]
    public async Task Concurrent_writers_are_gathered_and_every_acknowledged_write_is_stored()
    {
        var calls = new CountingExecutor(db.Store);
        var (storage, writer) = db.NewStorage(calls);
        await using var _ = writer;
        var grains = Enumerable.Range(0, 100).Select(_ => StorageDatabase.Person(Interlocked.Increment(ref nextPerson), 77)).ToList();

        await Task.WhenAll(grains.Select(async grain =>
        {
            var state = new GrainState<CounterState>(new CounterState());
            for (var i = 1; i <= 10; i++)
            {
                state.State!.Sequence = i;
                await storage.WriteStateAsync("contact", grain, state);
                Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), state.ETag);
            }
        }));

        foreach (var grain in grains)
        {
            Assert.Equal((10, 10), await db.RowAsync(GrainStateKeys.For(StorageDatabase.ServiceId, "contact", grain)));
        }

        Assert.Equal(1000, calls.Writes);
        Assert.True(calls.Calls < 500, $"{calls.Calls} calls for 1000 concurrent writes: they were not gathered");
    }

    [Fact]
    public async Task Two_activations_of_one_grain_writing_at_once_cannot_both_win()
    {
        var (storage, writer) = db.NewStorage();
        await using var _ = writer;
        var grain = StorageDatabase.Person(Interlocked.Increment(ref nextPerson), 77);
        var seed = new GrainState<CounterState>(new CounterState { Sequence = 1 });
        await storage.WriteStateAsync("contact", grain, seed);

        var one = new GrainState<CounterState>(new CounterState { Sequence = 2 }) { ETag = seed.ETag };
        var two = new GrainState<CounterState>(new CounterState { Sequence = 3 }) { ETag = seed.ETag };
        var outcomes = await Task.WhenAll(Outcome(storage.WriteStateAsync("contact", grain, one)), Outcome(storage.WriteStateAsync("contact", grain, two)));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
        var row = await db.RowAsync(GrainStateKeys.For(StorageDatabase.ServiceId, "contact", grain));
        Assert.Equal(2, row?.Version);
        Assert.Equal(one.ETag == "2" ? 2 : 3, row?.Sequence);
    }

    [Fact]
    public async Task Clearing_empties_the_row_moves_its_version_and_checks_it()
    {
        var (storage, writer) = db.NewStorage();
        await using var _ = writer;
        var grain = StorageDatabase.Person(Interlocked.Increment(ref nextPerson), 77);
        var never = new GrainState<CounterState>(new CounterState());
        await storage.ClearStateAsync("contact", StorageDatabase.Person(Interlocked.Increment(ref nextPerson), 77), never);
        Assert.Null(never.ETag);

        var state = new GrainState<CounterState>(new CounterState { Sequence = 5 });
        await storage.WriteStateAsync("contact", grain, state);
        var stale = new GrainState<CounterState>(new CounterState()) { ETag = state.ETag, RecordExists = true };
        await storage.WriteStateAsync("contact", grain, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("contact", grain, stale));

        await storage.ClearStateAsync("contact", grain, state);
        Assert.Equal(("3", false, 0), (state.ETag, state.RecordExists, state.State!.Sequence));
        var read = new GrainState<CounterState>(new CounterState { Sequence = 99 });
        await storage.ReadStateAsync("contact", grain, read);
        Assert.Equal(("3", false, 0), (read.ETag, read.RecordExists, read.State!.Sequence));

        state.State!.Sequence = 6; // a cleared grain writes again from its version
        await storage.WriteStateAsync("contact", grain, state);
        Assert.Equal((4, 6), await db.RowAsync(GrainStateKeys.For(StorageDatabase.ServiceId, "contact", grain)));
    }

    [Fact]
    public async Task States_written_by_the_Orleans_provider_are_read_and_written_on()
    {
        var orleans = await db.OrleansProviderAsync();
        var (storage, writer) = db.NewStorage();
        await using var _ = writer;
        var integerKey = StorageDatabase.Person(Interlocked.Increment(ref nextPerson), 4242);
        var plainInteger = GrainId.Create(GrainType.Create("tenant"), GrainIdKeyExtensions.CreateIntegerKey(Interlocked.Increment(ref nextPerson)));
        var guidKey = GrainId.Create(GrainType.Create("probe"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext"));
        var stringKey = GrainId.Create("named", "company-" + Interlocked.Increment(ref nextPerson));

        foreach (var (grain, stateName) in new[] { (integerKey, "contact"), (plainInteger, "tenant"), (guidKey, "probe"), (stringKey, "named") })
        {
            var written = new GrainState<CounterState>(new CounterState { Sequence = 41, Note = "written by Orleans' provider" });
            await orleans.WriteStateAsync(stateName, grain, written);

            var read = new GrainState<CounterState>(new CounterState());
            await storage.ReadStateAsync(stateName, grain, read);
            Assert.Equal((written.ETag, true, 41, written.State!.Note), (read.ETag, read.RecordExists, read.State!.Sequence, read.State!.Note));

            read.State!.Sequence = 42;
            await storage.WriteStateAsync(stateName, grain, read);
            var back = new GrainState<CounterState>(new CounterState());
            await orleans.ReadStateAsync(stateName, grain, back);
            Assert.Equal((read.ETag, 42), (back.ETag, back.State!.Sequence));
        }

        var rows = await PipedriveMaileon.IntegrationTests.Infrastructure.TestPostgres.ScalarAsync<long>(db.ConnectionString,
            $"SELECT count(*) FROM OrleansStorage WHERE ServiceId = '{StorageDatabase.ServiceId}' AND PayloadBinary IS NOT NULL AND convert_from(PayloadBinary, 'UTF8') LIKE '%\"Sequence\":42%'");
        Assert.Equal(4, rows); // one row per grain: both providers found the same row
    }

    private static GrainStateKey Key()
    {
        var person = Interlocked.Increment(ref nextPerson);
        return new GrainStateKey(StorageDatabase.ServiceId, "contact", 17, unchecked((int)(person * 2654435761)), 0, person, "88");
    }

    private static GrainStateWrite Write(GrainStateKey key, int? expected, int sequence) =>
        new(key, expected, Encoding.UTF8.GetBytes($"{{\"Sequence\":{sequence}}}"));

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Holds the first call until released, so the writes after it are gathered into the second.</summary>
    private sealed class BlockFirstCall : IGrainStateWriteExecutor
    {
        private readonly IGrainStateWriteExecutor inner;
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int seen;

        public BlockFirstCall(IGrainStateWriteExecutor inner, out Action release)
        {
            this.inner = inner;
            release = () => released.TrySetResult();
        }

        public async Task<IReadOnlyList<int?>> WriteAsync(IReadOnlyList<GrainStateWrite> writes, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref seen) == 1)
            {
                await released.Task;
            }

            return await inner.WriteAsync(writes, cancellationToken);
        }
    }
}
