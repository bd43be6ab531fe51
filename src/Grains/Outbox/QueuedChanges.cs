namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// State changes asked for from interleaved code, waiting for the outbox's next non-interleaved step turn, which
/// applies them one after another like grain calls; each caller gets its own change's result (or failure).
/// </summary>
internal sealed class QueuedChanges<TState, TWork>(IOutbox<TState, TWork> outbox)
    where TState : class, IOutboxState<TWork>, new()
    where TWork : class
{
    private List<Func<Task>>? waiting;

    public bool Any => waiting is { Count: > 0 };

    public Task<T> Add<T>(Func<TState, DateTimeOffset, T> change)
        where T : IStateChange
    {
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        (waiting ??= []).Add(async () =>
        {
            try
            {
                reply.SetResult(await outbox.UpdateAsync(change));
            }
            catch (Exception ex)
            {
                reply.SetException(ex);
            }
        });
        return reply.Task;
    }

    /// <summary>Applies every waiting change, including those queued while earlier ones were being stored. Call from the step turn only.</summary>
    public async Task ApplyAsync()
    {
        while (waiting is { Count: > 0 } changes)
        {
            waiting = null;
            foreach (var apply in changes)
            {
                await apply();
            }
        }
    }
}
