using Orleans.Storage;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Storage;

/// <summary>
/// PostgreSQL restarts while grains write: writes fail for a moment, but no write is acknowledged that is not stored.
/// Each writer acts as a grain does: on a failed write it reads its state again and goes on from what is stored.
/// </summary>
public sealed class GroupCommitRestartTests(StorageDatabase db) : IClassFixture<StorageDatabase>
{
    private const int Writers = 24;

    [Fact]
    public async Task No_write_is_acknowledged_that_a_restart_lost()
    {
        var (storage, writer) = db.NewStorage();
        await using var _ = writer;
        using var stop = new CancellationTokenSource();
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, Writers)
            .Select(i => Task.Run(() => WriteUntilStoppedAsync(storage, StorageDatabase.Person(9_000_000 + i, 31), restarted.Task, stop.Token)))
            .ToList();

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await TestPostgres.RestartServerAsync(TimeSpan.FromSeconds(1));
        restarted.SetResult();
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(Progress.Count == Writers && Progress.Values.All(p => p >= 5)),
                TimeSpan.FromSeconds(60), () => $"only {Progress.Count(p => p.Value >= 5)} of {Writers} writers acknowledged 5 writes after the restart",
                giveUpWhen: () => workers.Any(w => w.IsCompleted));
        }
        finally
        {
            await stop.CancelAsync();
        }

        var results = await Task.WhenAll(workers);

        Assert.Contains(results, r => r.Failures > 0); // the restart did hit the writes
        foreach (var (grain, acknowledged, _) in results)
        {
            var row = await db.RowAsync(Silo.Storage.GrainStateKeys.For(StorageDatabase.ServiceId, "contact", grain));
            Assert.Equal(acknowledged, row?.Sequence);
        }
    }

    private System.Collections.Concurrent.ConcurrentDictionary<GrainId, int> Progress { get; } = new();

    /// <summary>Writes sequence 1, 2, 3, ...; after a failure re-reads, and the stored sequence must not be behind the last acknowledged one.</summary>
    private async Task<(GrainId Grain, int Acknowledged, int Failures)> WriteUntilStoppedAsync(
        Silo.Storage.GroupCommitGrainStorage storage, GrainId grain, Task restarted, CancellationToken stop)
    {
        var state = new GrainState<CounterState>(new CounterState());
        var acknowledged = 0;
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            state.State!.Sequence = acknowledged + 1;
            try
            {
                await storage.WriteStateAsync("contact", grain, state);
                acknowledged = state.State!.Sequence;
                if (restarted.IsCompleted)
                {
                    Progress.AddOrUpdate(grain, 1, (_, n) => n + 1);
                }
            }
            catch (Exception ex) when (ex is InconsistentStateException || Database.Connections.DatabaseFailures.IsDatabaseFailure(ex))
            {
                failures++;
                await ReadUntilReachableAsync(storage, grain, state);
                Assert.True(state.State!.Sequence >= acknowledged, $"{grain}: acknowledged {acknowledged}, stored {state.State!.Sequence}");
                // A write whose answer was lost may have been stored: go on from what is stored, as a grain does.
                acknowledged = state.State!.Sequence;
            }
        }

        return (grain, acknowledged, failures);
    }

    /// <summary>The read rides out about 3 s of a restart by itself; on a slow machine the caller (here: the test) asks again.</summary>
    private static async Task ReadUntilReachableAsync(Silo.Storage.GroupCommitGrainStorage storage, GrainId grain, GrainState<CounterState> state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await storage.ReadStateAsync("contact", grain, state);
                return;
            }
            catch (Exception ex) when (Database.Connections.DatabaseFailures.IsDatabaseFailure(ex) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
