using System.Collections.Concurrent;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Outbox;

/// <summary>Decides what each probe effect "does" and remembers every attempt, per grain key.</summary>
public sealed class ScriptedEffects
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EffectOutcome>> scripts = new();

    public ConcurrentQueue<(string Key, string Work)> Attempts { get; } = new();

    public void Script(string key, string work, params EffectOutcome[] outcomes)
    {
        var queue = scripts.GetOrAdd($"{key}/{work}", _ => new ConcurrentQueue<EffectOutcome>());
        foreach (var outcome in outcomes)
        {
            queue.Enqueue(outcome);
        }
    }

    public IReadOnlyList<string> AttemptsFor(string key) => Attempts.Where(a => a.Key == key).Select(a => a.Work).ToList();

    public EffectOutcome Next(string key, string work)
    {
        Attempts.Enqueue((key, work));
        return scripts.TryGetValue($"{key}/{work}", out var queue) && queue.TryDequeue(out var outcome)
            ? outcome
            : EffectOutcome.Done($"{work} done");
    }
}
