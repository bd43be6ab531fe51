using System.Diagnostics;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>One attempt of one outbox entry, from the step that starts it to the step that records its outcome.</summary>
internal sealed class EffectInFlight<TCommand>(long entryId, string workKind, EffectAttempt effect, TCommand? command, string? origin)
    where TCommand : class
{
    public long EntryId { get; } = entryId;

    public string WorkKind { get; } = workKind;

    public EffectAttempt Effect { get; } = effect;

    /// <summary>What the handler performs; null when the rules settled the entry without a call.</summary>
    public TCommand? Command { get; } = command;

    /// <summary>The traceparent of the request that queued the work.</summary>
    public string? Origin { get; } = origin;

    /// <summary>Set by the effect turn when the handler answered; read by the next step turn.</summary>
    public EffectOutcome? Outcome { get; set; }

    /// <summary>
    /// Set when the tenant's credentials were renewed while this attempt was under way: a refusal then answers for the
    /// old credentials, so the entry goes again at once instead of waiting for the periodic re-check.
    /// </summary>
    public bool CredentialsRenewedMeanwhile { get; set; }

    /// <summary>The effect turn has taken this attempt: a second turn for it does nothing.</summary>
    public bool Performing { get; set; }

    public TimeSpan Elapsed { get; set; }

    public Activity? Span { get; set; }
}
