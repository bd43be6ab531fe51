using System.Threading.Channels;
using PipedriveMaileon.Database.GrainState;

namespace PipedriveMaileon.UnitTests.Database;

/// <summary>
/// Stands in for PostgreSQL: every call waits until the test answers it, so the tests decide what is in flight when.
/// </summary>
internal sealed class FakeWriteExecutor : IGrainStateWriteExecutor
{
    private readonly Channel<Call> calls = Channel.CreateUnbounded<Call>();

    public Task<IReadOnlyList<int?>> WriteAsync(IReadOnlyList<GrainStateWrite> writes, CancellationToken cancellationToken)
    {
        var call = new Call([.. writes]);
        calls.Writer.TryWrite(call);
        return call.Answer.Task;
    }

    /// <summary>The next call the writer made (fails the test after 10 s without one).</summary>
    public async Task<Call> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await calls.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>True when no call is waiting to be answered by the test.</summary>
    public bool NoCallWaiting => !calls.Reader.TryPeek(out _);

    internal sealed class Call(IReadOnlyList<GrainStateWrite> writes)
    {
        public IReadOnlyList<GrainStateWrite> Writes { get; } = writes;

        public TaskCompletionSource<IReadOnlyList<int?>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Stores every write: each gets its expected version + 1.</summary>
        public void Store() => Answer.SetResult([.. Writes.Select(w => (int?)((w.ExpectedVersion ?? 0) + 1))]);
    }
}
