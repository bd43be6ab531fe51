namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// Jittered exponential backoff for outbox retries: 5 s, 10 s, 20 s ... capped at 15 minutes, parked after
/// <see cref="MaxAttempts"/> attempts (about 2.5 hours of trying). A server's Retry-After is honoured when longer.
/// Waiting for credentials is slower and unbounded: about every <c>credentialWait</c> (10 minutes), jittered.
/// </summary>
public sealed class RetryPolicy(int maxAttempts = 14, TimeSpan? first = null, TimeSpan? cap = null, TimeSpan? credentialWait = null)
{
    public static RetryPolicy Default { get; } = new();

    public int MaxAttempts { get; } = maxAttempts;

    private readonly TimeSpan first = first ?? TimeSpan.FromSeconds(5);
    private readonly TimeSpan cap = cap ?? TimeSpan.FromMinutes(15);
    private readonly TimeSpan credentialWait = credentialWait ?? TimeSpan.FromMinutes(10);

    /// <summary>Delay before attempt number <paramref name="attempts"/> + 1, given a random value in [0, 1).</summary>
    public TimeSpan Delay(int attempts, double random, TimeSpan? notBefore = null)
    {
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var bounded = Math.Min(exponential, cap.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(bounded * (0.75 + (0.5 * random)));
        return notBefore is { } minimum && minimum > jittered ? minimum : jittered;
    }

    /// <summary>
    /// The wait before a failed grain-to-grain call (<see cref="EffectOutcome.RetryHop"/>) is tried again: about a second
    /// for the first <see cref="FastHops"/> attempts (a silo failover takes seconds to tens of seconds, and the API
    /// backoff would leave the person waiting minutes after the cluster recovered), then the usual backoff.
    /// </summary>
    public TimeSpan HopDelay(int hops, double random) =>
        hops <= FastHops ? TimeSpan.FromMilliseconds(1000 * (0.75 + (0.5 * random))) : Delay(Math.Min(hops - FastHops, 8), random);

    /// <summary>How many failed grain-to-grain calls in a row are retried after about a second.</summary>
    public const int FastHops = 60;

    /// <summary>The wait before an entry refused for the tenant's credentials is tried again (random in [0, 1)).</summary>
    public TimeSpan CredentialWait(double random) => TimeSpan.FromMilliseconds(credentialWait.TotalMilliseconds * (0.75 + (0.5 * random)));
}
