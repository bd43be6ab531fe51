namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// What happened when a side effect was attempted. A closed set: done (carrying the effect's typed
/// <see cref="EffectResult"/>), retry (transient or throttled), waiting for the tenant's credentials, or failed for good.
/// </summary>
public abstract record EffectOutcome
{
    private EffectOutcome(string summary) => Summary = summary;

    /// <summary>A short, secret-free description for the activity log and the consent ledger.</summary>
    public string Summary { get; }

    /// <summary>The effect did what it should (or found it needed no call); <paramref name="result"/> says what exactly.</summary>
    public static EffectOutcome Done(string summary, EffectResult? result = null) => new Succeeded(summary, result ?? EffectResult.None);

    /// <summary>A transient failure (5xx, timeout, network); try again, not before <paramref name="notBefore"/> if given.</summary>
    public static EffectOutcome Retry(string summary, TimeSpan? notBefore = null) => new Transient(summary, notBefore, throttled: false);

    /// <summary>
    /// The other side asked us to slow down (429, a rate limit): try again later, not before <paramref name="notBefore"/>.
    /// Being throttled is not a failure of the effect, so it does not use up the attempts that lead to parking.
    /// </summary>
    public static EffectOutcome Throttle(string summary, TimeSpan? notBefore = null) => new Transient(summary, notBefore, throttled: true);

    /// <summary>
    /// A call to another grain of the cluster failed (a silo lost, storage busy): no outside service is involved, so
    /// it is tried again after about a second, and it never parks (<see cref="RetryPolicy.HopDelay"/>).
    /// </summary>
    public static EffectOutcome RetryHop(string summary) => new Transient(summary, null, throttled: false, hop: true);

    /// <summary>
    /// The tenant's credentials are missing or refused (Pipedrive needs re-authorising, the Maileon key is missing or
    /// refused): only an admin can fix that. Not a failure of the effect: it never uses up attempts and never parks;
    /// the entry is tried again slowly, and at once when the tenant's credentials are renewed.
    /// </summary>
    public static EffectOutcome WaitForCredentials(string summary) => new WaitingForCredentials(summary);

    /// <summary>A failure that retrying cannot fix (4xx other than 429); parked for a person to look at.</summary>
    public static EffectOutcome Fail(string summary) => new Permanent(summary);

    public sealed record Succeeded : EffectOutcome
    {
        internal Succeeded(string summary, EffectResult result) : base(summary) => Result = result;

        public EffectResult Result { get; }
    }

    public sealed record Transient : EffectOutcome
    {
        internal Transient(string summary, TimeSpan? notBefore, bool throttled, bool hop = false) : base(summary)
        {
            NotBefore = notBefore;
            Throttled = throttled;
            Hop = hop;
        }

        public TimeSpan? NotBefore { get; }

        public bool Throttled { get; }

        /// <summary>A grain-to-grain call, not an API call (<see cref="RetryHop"/>).</summary>
        public bool Hop { get; }
    }

    public sealed record WaitingForCredentials : EffectOutcome
    {
        internal WaitingForCredentials(string summary) : base(summary)
        {
        }
    }

    public sealed record Permanent : EffectOutcome
    {
        internal Permanent(string summary) : base(summary)
        {
        }
    }
}
