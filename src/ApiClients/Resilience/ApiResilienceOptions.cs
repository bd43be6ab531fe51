namespace PipedriveMaileon.ApiClients.Resilience;

/// <summary>
/// Bounds for one client call. The grains retry at a higher level through their outbox, so a call here retries
/// only briefly and then reports the failure with whatever wait the server asked for.
/// </summary>
public sealed class ApiResilienceOptions
{
    /// <summary>Upper bound for the whole call including retries and waits.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound for one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Base of the jittered exponential backoff when the server gives no wait.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest server-requested wait (<c>Retry-After</c>, <c>x-ratelimit-reset</c>) honoured inside a call;
    /// a longer one ends the call with a rate-limit or transient error carrying that wait.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public double CircuitFailureRatio { get; set; } = 0.5;

    public int CircuitMinimumThroughput { get; set; } = 10;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    internal IEnumerable<string> Validate(string section)
    {
        if (TotalTimeout <= TimeSpan.Zero)
        {
            yield return $"{section}:Resilience:TotalTimeout must be positive.";
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TotalTimeout)
        {
            yield return $"{section}:Resilience:AttemptTimeout must be positive and at most TotalTimeout.";
        }

        if (MaxRetryAttempts is < 0 or > 5)
        {
            yield return $"{section}:Resilience:MaxRetryAttempts must be between 0 and 5.";
        }

        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero)
        {
            yield return $"{section}:Resilience:RetryBaseDelay and MaxRetryDelay must not be negative.";
        }

        if (CircuitFailureRatio is <= 0 or > 1)
        {
            yield return $"{section}:Resilience:CircuitFailureRatio must be in (0, 1].";
        }

        if (CircuitMinimumThroughput < 2)
        {
            yield return $"{section}:Resilience:CircuitMinimumThroughput must be at least 2.";
        }

        if (CircuitSamplingDuration < TimeSpan.FromMilliseconds(500) || CircuitBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return $"{section}:Resilience:CircuitSamplingDuration and CircuitBreakDuration must be at least 0.5 s.";
        }
    }
}
