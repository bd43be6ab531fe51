namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>
/// Reads one source page by page and applies every item, with a checkpoint that only moves after a page is fully
/// applied, so a crash or an error repeats at most the page in hand (applying twice is harmless: the owning grains
/// recognise repeats). A page's position is saved before the next page is read; the checkpoint moves when the pass
/// reaches its end, to the pass's start time less the overlap, so changes that became visible late are read again.
/// </summary>
public static class CheckpointedScan
{
    /// <param name="cursor">Where the source stands (from the grain state).</param>
    /// <param name="now">The time a new pass starts at (its upper bound).</param>
    /// <param name="overlap">How far the next checkpoint is set back from the pass's upper bound.</param>
    /// <param name="fetch">Reads one page.</param>
    /// <param name="apply">Applies one item; exceptions end the scan without saving the page.</param>
    /// <param name="save">Stores the new position and the counts so far; called after every applied page.</param>
    /// <param name="mayFetch">Asked before each page (budget); false stops the scan early, keeping the position.</param>
    /// <param name="maxPages">Most pages this call reads.</param>
    /// <param name="concurrency">How many items of a page are applied at once.</param>
    public static async Task<ScanResult> RunAsync<T>(
        ScanCursor cursor,
        DateTimeOffset now,
        TimeSpan overlap,
        Func<ScanRequest, Task<ScanPage<T>>> fetch,
        Func<T, Task<ApplyResult>> apply,
        Func<ScanCursor, ScanTally, Task> save,
        Func<bool>? mayFetch = null,
        int maxPages = int.MaxValue,
        int concurrency = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentNullException.ThrowIfNull(save);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        if (!cursor.InPass)
        {
            cursor = cursor with { PassUntil = now, NextPage = 1, Cursor = null };
        }

        var tally = new ScanTally();
        while (true)
        {
            if (tally.Pages >= maxPages || cancellationToken.IsCancellationRequested || (mayFetch is not null && !mayFetch()))
            {
                return new ScanResult(cursor, tally, CaughtUp: false);
            }

            var page = await fetch(new ScanRequest(cursor.Checkpoint, cursor.PassUntil!.Value, cursor.NextPage, cursor.Cursor));
            var pageTally = await ApplyPageAsync(page.Items, apply, concurrency);
            tally = tally.Add(pageTally with { Pages = 1 });

            // A source that hands back the cursor it was given would loop forever.
            var more = page.HasMore && (page.NextCursor is null || page.NextCursor != cursor.Cursor);

            if (more)
            {
                cursor = cursor with { NextPage = cursor.NextPage + 1, Cursor = page.NextCursor };
                await save(cursor, tally);
                continue;
            }

            cursor = EndPass(cursor, overlap);
            await save(cursor, tally);
            return new ScanResult(cursor, tally, CaughtUp: true);
        }
    }

    /// <summary>The position after a finished pass: the checkpoint at the pass's upper bound less the overlap, never backwards.</summary>
    public static ScanCursor EndPass(ScanCursor cursor, TimeSpan overlap)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        var until = cursor.PassUntil ?? throw new InvalidOperationException("No pass is in progress.");
        var checkpoint = until - overlap;
        if (cursor.Checkpoint is { } previous && previous > checkpoint)
        {
            checkpoint = previous;
        }

        return new ScanCursor { Checkpoint = checkpoint };
    }

    private static async Task<ScanTally> ApplyPageAsync<T>(IReadOnlyList<T> items, Func<T, Task<ApplyResult>> apply, int concurrency)
    {
        long applied = 0, skipped = 0;
        for (var start = 0; start < items.Count; start += concurrency)
        {
            var batch = items.Skip(start).Take(concurrency).Select(apply).ToArray();
            foreach (var result in await Task.WhenAll(batch))
            {
                switch (result)
                {
                    case ApplyResult.Applied:
                        applied++;
                        break;
                    case ApplyResult.Skipped:
                        skipped++;
                        break;
                }
            }
        }

        return new ScanTally(0, items.Count, applied, skipped);
    }
}
