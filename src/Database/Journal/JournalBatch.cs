namespace PipedriveMaileon.Database.Journal;

/// <summary>Entries of one grain for one tenant, written together.</summary>
public sealed record JournalBatch(
    long CompanyId,
    long? PersonId,
    IReadOnlyList<ConsentLedgerRecord> Ledger,
    IReadOnlyList<ActivityRecord> Activity)
{
    public bool IsEmpty => Ledger.Count == 0 && Activity.Count == 0;
}
