namespace PipedriveMaileon.Grains.Outbox;

/// <summary>
/// What a successful effect found or did, typed per effect (e.g. "the contact already held a confirmed DOI", "the
/// person as read from Pipedrive"), so the grain's outcome rules match on types, never on summary text.
/// </summary>
public abstract record EffectResult
{
    /// <summary>For effects whose success says nothing beyond their summary.</summary>
    public static EffectResult None { get; } = new NoResult();

    private sealed record NoResult : EffectResult;
}
