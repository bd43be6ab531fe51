using System.Collections.Concurrent;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PipedriveMaileon.ApiClients.Resilience;

/// <summary>
/// One circuit breaker per tenant, created on the tenant's first call and dropped after it made none for
/// <see cref="IdleLifetime"/>: one tenant's failing account never opens another's circuit, and an idle tenant costs
/// nothing here. (A whole resilience pipeline per tenant, kept for the life of the process, used to do this: every
/// installed tenant held its timeouts, retry and breaker in every silo forever.) Forgetting an idle breaker loses
/// nothing: its failure window and any break it was in are long over by then.
/// </summary>
internal sealed class TenantCircuitBreakers(ApiResilienceOptions options, Func<Outcome<HttpResponseMessage>, bool> countsAgainstCircuit, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Breaker> breakers = new(StringComparer.Ordinal);
    private long nextSweepTicks = time.GetTimestamp() + time.TimestampFrequency * 60;

    /// <summary>Idle time after which a tenant's breaker is dropped: well past its sampling window and break.</summary>
    public TimeSpan IdleLifetime { get; } = TimeSpan.FromTicks(Math.Max(
        TimeSpan.FromMinutes(5).Ticks, 2 * (options.CircuitSamplingDuration + options.CircuitBreakDuration).Ticks));

    /// <summary>Breakers currently kept (tenants that called within <see cref="IdleLifetime"/>).</summary>
    public int Count => breakers.Count;

    public ResiliencePipeline<HttpResponseMessage> For(string tenantKey)
    {
        var now = time.GetTimestamp();
        var breaker = breakers.GetOrAdd(tenantKey, static (_, self) => new Breaker(self.Build()), this);
        Volatile.Write(ref breaker.LastUsed, now);
        if (now >= Volatile.Read(ref nextSweepTicks))
        {
            Sweep(now);
        }

        return breaker.Pipeline;
    }

    private void Sweep(long now)
    {
        Volatile.Write(ref nextSweepTicks, now + time.TimestampFrequency * 60);
        foreach (var (key, breaker) in breakers)
        {
            if (time.GetElapsedTime(Volatile.Read(ref breaker.LastUsed), now) > IdleLifetime)
            {
                breakers.TryRemove(new KeyValuePair<string, Breaker>(key, breaker));
            }
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Build() =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                Name = "circuit",
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(countsAgainstCircuit(args.Outcome)),
            })
            .Build();

    private sealed class Breaker(ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        public readonly ResiliencePipeline<HttpResponseMessage> Pipeline = pipeline;
        public long LastUsed;
    }
}
