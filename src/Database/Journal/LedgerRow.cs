namespace PipedriveMaileon.Database.Journal;

/// <summary>A consent-ledger entry as stored, with the person it belongs to and when it reached the table.</summary>
public sealed record LedgerRow(long PersonId, ConsentLedgerRecord Entry, DateTimeOffset RecordedAt);
