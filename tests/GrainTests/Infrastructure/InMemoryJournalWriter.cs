using System.Collections.Concurrent;
using PipedriveMaileon.Database.Journal;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>Collects journal batches instead of writing them to PostgreSQL; can be told to fail.</summary>
public sealed class InMemoryJournalWriter : IJournalWriter
{
    private readonly ConcurrentQueue<JournalBatch> batches = new();

    public bool Failing { get; set; }

    public IEnumerable<JournalBatch> Batches => batches;

    public IEnumerable<ActivityRecord> Activity(long companyId) =>
        batches.Where(b => b.CompanyId == companyId).SelectMany(b => b.Activity).DistinctBy(a => a.EntryId);

    public IEnumerable<ConsentLedgerRecord> Ledger(long companyId, long personId) =>
        batches.Where(b => b.CompanyId == companyId && b.PersonId == personId).SelectMany(b => b.Ledger).DistinctBy(l => l.Sequence).OrderBy(l => l.Sequence);

    public Task WriteAsync(JournalBatch batch, CancellationToken cancellationToken = default)
    {
        if (Failing)
        {
            throw new TimeoutException("journal store unavailable (test)");
        }

        batches.Enqueue(batch);
        return Task.CompletedTask;
    }
}
