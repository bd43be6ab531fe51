using System.Collections.Concurrent;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Outbox;

/// <summary>Decides what each probe effect "does" and remembers every attempt, per grain key; an effect can be held open.</summary>
public sealed class ScriptedEffects
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EffectOutcome>> scripts = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new();

    public ConcurrentQueue<(string Key, string Work, EffectAttempt Attempt)> Attempts { get; } = new();

    public void Script(string key, string work, params EffectOutcome[] outcomes)
    {
        var queue = scripts.GetOrAdd($"{key}/{work}", _ => new ConcurrentQueue<EffectOutcome>());
        foreach (var outcome in outcomes)
        {
            queue.Enqueue(outcome);
        }
    }

    /// <summary>The next attempt of <paramref name="work"/> waits until the returned source is completed.</summary>
    public TaskCompletionSource Hold(string key, string work) =>
        holds.GetOrAdd($"{key}/{work}", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public IReadOnlyList<string> AttemptsFor(string key) => Attempts.Where(a => a.Key == key).Select(a => a.Work).ToList();

    public IReadOnlyList<EffectAttempt> AttemptsOf(string key, string work) => Attempts.Where(a => a.Key == key && a.Work == work).Select(a => a.Attempt).ToList();

    public async Task<EffectOutcome> NextAsync(string key, string work, EffectAttempt attempt)
    {
        Attempts.Enqueue((key, work, attempt));
        if (holds.TryRemove($"{key}/{work}", out var hold))
        {
            await hold.Task;
        }

        return scripts.TryGetValue($"{key}/{work}", out var queue) && queue.TryDequeue(out var outcome)
            ? outcome
            : EffectOutcome.Done($"{work} done");
    }
}
