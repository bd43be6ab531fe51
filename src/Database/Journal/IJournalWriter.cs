namespace PipedriveMaileon.Database.Journal;

/// <summary>Copies grains' journal entries to the consent ledger and activity log tables (idempotently).</summary>
public interface IJournalWriter
{
    /// <summary>Completes when the entries are committed; throws when they could not be.</summary>
    Task WriteAsync(JournalBatch batch, CancellationToken cancellationToken = default);
}
