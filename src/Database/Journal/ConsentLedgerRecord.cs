namespace PipedriveMaileon.Database.Journal;

/// <summary>
/// One consent-ledger entry: evidence of a subscription transition (or of Maileon's answer to it) for one person.
/// <see cref="Sequence"/> is assigned by the person's grain and makes re-sending the entry harmless.
/// </summary>
public sealed class ConsentLedgerRecord
{
    public int Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Who caused it: <c>pipedrive-user:{id}</c>, <c>maileon</c>, <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>How it reached us: <c>webhook</c>, <c>reconciliation</c>, <c>settings</c>, <c>merge</c>, <c>maileon-api</c>.</summary>
    public required string Source { get; set; }

    public required string FromStatus { get; set; }
    public required string ToStatus { get; set; }
    public string? Email { get; set; }
    public string? Detail { get; set; }
    public string? MaileonOutcome { get; set; }
}
