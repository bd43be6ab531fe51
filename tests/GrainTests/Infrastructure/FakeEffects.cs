using System.Collections.Concurrent;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// An effect handler standing in for the real one: records every request and answers from a script per tenant
/// (in order), else with <see cref="Default"/>. An answer can be held open until the test releases it.
/// </summary>
public sealed class FakeEffects<TCommand>(Func<EffectRequest<TCommand>, EffectOutcome> defaultOutcome) : IEffectHandler<TCommand>
    where TCommand : class
{
    private readonly ConcurrentQueue<EffectRequest<TCommand>> requests = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<Func<EffectRequest<TCommand>, Task<EffectOutcome>>>> scripts = new();

    public Func<EffectRequest<TCommand>, EffectOutcome> Default { get; set; } = defaultOutcome;

    /// <summary>When set, answers what no script answers, instead of <see cref="Default"/> (for answers that call into the cluster).</summary>
    public Func<EffectRequest<TCommand>, Task<EffectOutcome>>? DefaultAsync { get; set; }

    /// <summary>The next requests for <paramref name="companyId"/> get these answers, in order.</summary>
    public void Script(long companyId, params Func<EffectRequest<TCommand>, EffectOutcome>[] answers) =>
        ScriptAsync(companyId, answers.Select(a => (Func<EffectRequest<TCommand>, Task<EffectOutcome>>)(r => Task.FromResult(a(r)))).ToArray());

    /// <summary>As <see cref="Script(long, Func{EffectRequest{TCommand}, EffectOutcome}[])"/>, for answers that look at the cluster first.</summary>
    public void ScriptAsync(long companyId, params Func<EffectRequest<TCommand>, Task<EffectOutcome>>[] answers)
    {
        var queue = scripts.GetOrAdd(companyId, _ => new ConcurrentQueue<Func<EffectRequest<TCommand>, Task<EffectOutcome>>>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public void Script(long companyId, params EffectOutcome[] outcomes) => Script(companyId, outcomes.Select(o => (Func<EffectRequest<TCommand>, EffectOutcome>)(_ => o)).ToArray());

    public IReadOnlyList<EffectRequest<TCommand>> For(long companyId) => requests.Where(r => r.CompanyId == companyId).ToList();

    public IReadOnlyList<T> Commands<T>(long companyId)
        where T : TCommand => For(companyId).Select(r => r.Command).OfType<T>().ToList();

    public Task<EffectOutcome> ExecuteAsync(EffectRequest<TCommand> request, CancellationToken cancellationToken)
    {
        requests.Enqueue(request);
        if (scripts.TryGetValue(request.CompanyId, out var queue) && queue.TryDequeue(out var answer))
        {
            return answer(request);
        }

        return DefaultAsync is { } defaultAsync ? defaultAsync(request) : Task.FromResult(Default(request));
    }
}
