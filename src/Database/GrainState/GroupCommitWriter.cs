using Npgsql;
using PipedriveMaileon.Database.Connections;

namespace PipedriveMaileon.Database.GrainState;

/// <summary>
/// Gathers concurrent state writes of different grains into calls of <see cref="IGrainStateWriteExecutor"/>: one round
/// trip and one transaction for many writes.
/// <list type="bullet">
/// <item>No window, no timer: a write that finds a free call slot (<see cref="GroupCommitOptions.MaxConcurrentBatches"/>)
/// goes at once, alone if it is alone. Writes arriving while every slot is busy wait and leave together, up to
/// <see cref="GroupCommitOptions.MaxBatchSize"/>, as soon as a slot frees: the batch grows with the load, and the
/// wait is never longer than one call already under way.</item>
/// <item>Each write keeps its own version check and answer: a conflict answers only its grain (with null), exactly
/// as a write alone would; the other writes of the batch are stored.</item>
/// <item>A failed call fails every write in it (nothing is acknowledged that was not committed). When PostgreSQL
/// refused the statement itself (nothing was committed and the connection is fine), each write of the batch is then
/// tried alone, so one bad write cannot fail its neighbours.</item>
/// <item>Two writes of one grain are never in one call, nor in two calls at once: the later waits for the earlier's
/// answer, so they are applied in order.</item>
/// <item>Rows are written in key order, so two silos' calls touching the same rows (a duplicate activation) lock them
/// in the same order and cannot deadlock.</item>
/// </list>
/// </summary>
public sealed class GroupCommitWriter(IGrainStateWriteExecutor executor, GroupCommitOptions options) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<PendingWrite> waiting = [];
    private readonly HashSet<GrainStateKey> keysInFlight = [];
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int callsInFlight;
    private bool closed;

    /// <summary>The new version, or null on a version conflict; throws when the call carrying the write failed.</summary>
    public Task<int?> WriteAsync(GrainStateWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = new PendingWrite(write);
        List<PendingWrite>? batch;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            waiting.Add(pending);
            batch = TakeBatch();
        }

        if (batch is not null)
        {
            // Off the caller's scheduler (a grain's): the call's continuations must not queue behind that grain.
            _ = Task.Run(() => RunAsync(batch));
        }

        return pending.Answer.Task;
    }

    /// <summary>Stops taking writes and waits until every accepted one has its answer.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            closed = true;
            if (callsInFlight == 0 && waiting.Count == 0)
            {
                drained.TrySetResult();
            }
        }

        await drained.Task;
    }

    /// <summary>Under the gate: the next batch when a call slot is free, taking waiting writes in arrival order.</summary>
    private List<PendingWrite>? TakeBatch()
    {
        if (callsInFlight >= options.MaxConcurrentBatches || waiting.Count == 0)
        {
            return null;
        }

        List<PendingWrite>? batch = null;
        for (var i = 0; i < waiting.Count && (batch?.Count ?? 0) < options.MaxBatchSize;)
        {
            var pending = waiting[i];
            if (!keysInFlight.Add(pending.Write.Key))
            {
                i++; // its grain's earlier write is still under way
                continue;
            }

            (batch ??= []).Add(pending);
            waiting.RemoveAt(i);
        }

        if (batch is not null)
        {
            callsInFlight++;
        }

        return batch;
    }

    private async Task RunAsync(List<PendingWrite> first)
    {
        for (var batch = first; batch is not null;)
        {
            batch.Sort(static (a, b) => KeyOrder.Compare(a.Write.Key, b.Write.Key));
            await CommitAsync(batch);
            lock (gate)
            {
                foreach (var pending in batch)
                {
                    keysInFlight.Remove(pending.Write.Key);
                }

                callsInFlight--;
                batch = TakeBatch();
                if (batch is null && closed && callsInFlight == 0 && waiting.Count == 0)
                {
                    drained.TrySetResult();
                }
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            var versions = await executor.WriteAsync([.. batch.Select(p => p.Write)], CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Answer.TrySetResult(versions[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && IsRefusedStatement(ex))
        {
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            if (DatabaseFailures.IsConnectionLoss(ex))
            {
                DatabaseFailures.DropIdleConnections();
            }

            foreach (var pending in batch)
            {
                pending.Answer.TrySetException(ex);
            }
        }
    }

    /// <summary>PostgreSQL answered the statement with an error: it rolled back, and the connection is still fine.</summary>
    private static bool IsRefusedStatement(Exception exception) =>
        exception is PostgresException && !DatabaseFailures.IsConnectionLoss(exception);

    private sealed class PendingWrite(GrainStateWrite write)
    {
        public GrainStateWrite Write { get; } = write;

        public TaskCompletionSource<int?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
