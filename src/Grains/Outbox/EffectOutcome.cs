namespace PipedriveMaileon.Grains.Outbox;

/// <summary>What happened when a side effect was attempted.</summary>
public abstract record EffectOutcome
{
    private EffectOutcome(string summary) => Summary = summary;

    /// <summary>A short, secret-free description for the activity log and the consent ledger.</summary>
    public string Summary { get; }

    public static EffectOutcome Done(string summary) => new Succeeded(summary);

    /// <summary>A transient failure (5xx, 429, timeout, network); try again, not before <paramref name="notBefore"/> if given.</summary>
    public static EffectOutcome Retry(string summary, TimeSpan? notBefore = null) => new Transient(summary, notBefore, throttled: false);

    /// <summary>
    /// The other side asked us to slow down (429, a rate limit): try again later, not before <paramref name="notBefore"/>.
    /// Being throttled is not a failure of the effect, so it does not use up the attempts that lead to parking.
    /// </summary>
    public static EffectOutcome Throttle(string summary, TimeSpan? notBefore = null) => new Transient(summary, notBefore, throttled: true);

    /// <summary>A failure that retrying cannot fix (4xx other than 429); parked for a person to look at.</summary>
    public static EffectOutcome Fail(string summary) => new Permanent(summary);

    public sealed record Succeeded : EffectOutcome
    {
        internal Succeeded(string summary) : base(summary)
        {
        }
    }

    public sealed record Transient : EffectOutcome
    {
        internal Transient(string summary, TimeSpan? notBefore, bool throttled) : base(summary)
        {
            NotBefore = notBefore;
            Throttled = throttled;
        }

        public TimeSpan? NotBefore { get; }

        public bool Throttled { get; }
    }

    public sealed record Permanent : EffectOutcome
    {
        internal Permanent(string summary) : base(summary)
        {
        }
    }
}
