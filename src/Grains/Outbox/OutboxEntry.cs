namespace PipedriveMaileon.Grains.Outbox;

/// <summary>One side effect waiting to be performed, with its retry bookkeeping. Stored in grain state.</summary>
public sealed class OutboxEntry<TWork>
    where TWork : class
{
    public long Id { get; set; }

    public required TWork Work { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>
    /// How many of the attempts were answered "slow down" (429) or were grain-to-grain calls the cluster could not
    /// deliver; those do not count towards parking.
    /// </summary>
    public int Throttles { get; set; }

    /// <summary>
    /// Set (and stored) before the first attempt of an effect that must not run twice, so that after a crash or a
    /// lost outcome the next attempt knows an earlier one may have reached the other side and checks first.
    /// </summary>
    public DateTimeOffset? StartedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// The originating event (Pipedrive <c>meta.id</c>, Maileon event id) when one caused this work: put on the
    /// effect's span and log scope, so an operator can follow a webhook to the calls it caused. Null for work
    /// started otherwise (timers, settings).
    /// </summary>
    public string? CorrelationId { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the request that queued this work, when it was traced: the effect's span
    /// links to it (the effect runs later, in its own trace).
    /// </summary>
    public string? Origin { get; set; }

    /// <summary>
    /// Set while the entry waits for the tenant's credentials (its last attempt was refused for them); such entries
    /// are put back in line at once when the credentials are renewed (<see cref="OutboxQueue{TWork}.ResumeWaiting"/>).
    /// </summary>
    public DateTimeOffset? WaitingSince { get; set; }

    /// <summary>Set when retrying stopped (a permanent failure, or too many attempts); cleared by a manual retry.</summary>
    public DateTimeOffset? ParkedAt { get; set; }
}
