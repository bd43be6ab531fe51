using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.UnitTests.Reconciliation;

public sealed class CheckpointedScanTests
{
    private static readonly DateTimeOffset Checkpoint = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>A page-indexed source over fixed pages that records what it was asked.</summary>
    private sealed class PagedSource(params int[][] pages)
    {
        public List<ScanRequest> Requests { get; } = [];

        public Task<ScanPage<int>> Fetch(ScanRequest request)
        {
            Requests.Add(request);
            var index = request.PageIndex - 1;
            return Task.FromResult(new ScanPage<int>(index < pages.Length ? pages[index] : [], index + 1 < pages.Length));
        }
    }

    private sealed class Saves
    {
        public List<(ScanCursor Cursor, ScanTally Tally)> All { get; } = [];

        public Task Save(ScanCursor cursor, ScanTally tally)
        {
            All.Add((cursor, tally));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task APassReadsEveryPageAndMovesTheCheckpointToItsStartLessTheOverlap()
    {
        var source = new PagedSource([1, 2], [3, 4], [5]);
        var saves = new Saves();
        var applied = new List<int>();

        var result = await CheckpointedScan.RunAsync(
            new ScanCursor { Checkpoint = Checkpoint }, Now, Overlap, source.Fetch,
            item => { applied.Add(item); return Task.FromResult(ApplyResult.Applied); },
            saves.Save);

        Assert.True(result.CaughtUp);
        Assert.Equal([1, 2, 3, 4, 5], applied);
        Assert.Equal([1, 2, 3], source.Requests.Select(r => r.PageIndex));
        Assert.All(source.Requests, r => Assert.Equal((Checkpoint, Now), (r.Since!.Value, r.Until)));
        Assert.Equal(new ScanCursor { Checkpoint = Now - Overlap }, result.Cursor);
        Assert.Equal(new ScanTally(3, 5, 5, 0), result.Tally);

        // Saved after every page: the position of the next page, then the finished pass.
        Assert.Equal([2, 3, 1], saves.All.Select(s => s.Cursor.NextPage));
        Assert.Equal([Now, Now, (DateTimeOffset?)null], saves.All.Select(s => s.Cursor.PassUntil));
        Assert.Equal([Checkpoint, Checkpoint, Now - Overlap], saves.All.Select(s => s.Cursor.Checkpoint!.Value));
    }

    [Fact]
    public async Task AFailingItemLeavesThePositionAtTheStartOfItsPage()
    {
        var source = new PagedSource([1, 2], [3, 4], [5]);
        var saves = new Saves();

        await Assert.ThrowsAsync<InvalidOperationException>(() => CheckpointedScan.RunAsync(
            new ScanCursor { Checkpoint = Checkpoint }, Now, Overlap, source.Fetch,
            item => item == 4 ? throw new InvalidOperationException("grain unavailable") : Task.FromResult(ApplyResult.Applied),
            saves.Save));

        var last = Assert.Single(saves.All).Cursor;
        Assert.Equal(2, last.NextPage);
        Assert.Equal(Checkpoint, last.Checkpoint);
        Assert.Equal(Now, last.PassUntil);
    }

    [Fact]
    public async Task AStoppedPassContinuesWhereItStoppedWithTheSameWindow()
    {
        var source = new PagedSource([1], [2], [3]);
        var saves = new Saves();
        var allowed = 1;

        var first = await CheckpointedScan.RunAsync(
            new ScanCursor { Checkpoint = Checkpoint }, Now, Overlap, source.Fetch,
            _ => Task.FromResult(ApplyResult.Unchanged), saves.Save, mayFetch: () => allowed-- > 0);

        Assert.False(first.CaughtUp);
        Assert.Equal(new ScanCursor { Checkpoint = Checkpoint, PassUntil = Now, NextPage = 2 }, first.Cursor);

        var later = Now.AddMinutes(15);
        var second = await CheckpointedScan.RunAsync(
            first.Cursor, later, Overlap, source.Fetch, _ => Task.FromResult(ApplyResult.Unchanged), saves.Save);

        Assert.True(second.CaughtUp);
        Assert.Equal([1, 2, 3], source.Requests.Select(r => r.PageIndex));
        Assert.All(source.Requests, r => Assert.Equal(Now, r.Until));
        Assert.Equal(Now - Overlap, second.Cursor.Checkpoint);
        Assert.Equal(new ScanTally(2, 2, 0, 0), second.Tally);
    }

    [Fact]
    public async Task ThePageCapStopsARunWithoutLosingThePosition()
    {
        var source = new PagedSource([1], [2], [3]);

        var result = await CheckpointedScan.RunAsync(
            new ScanCursor { Checkpoint = Checkpoint }, Now, Overlap, source.Fetch,
            _ => Task.FromResult(ApplyResult.Applied), new Saves().Save, maxPages: 2);

        Assert.False(result.CaughtUp);
        Assert.Equal(3, result.Cursor.NextPage);
        Assert.Equal(2, source.Requests.Count);
    }

    [Fact]
    public async Task CursorPagedSourcesContinueWithTheCursorTheyGave()
    {
        var requests = new List<ScanRequest>();
        Task<ScanPage<string>> Fetch(ScanRequest request)
        {
            requests.Add(request);
            return Task.FromResult(request.Cursor switch
            {
                null => new ScanPage<string>(["a"], true, "c1"),
                "c1" => new ScanPage<string>(["b"], true, "c2"),
                _ => new ScanPage<string>(["c"], false),
            });
        }

        var stop = new ScanCursor { Checkpoint = Checkpoint };
        var calls = 0;
        var first = await CheckpointedScan.RunAsync(stop, Now, Overlap, Fetch, _ => Task.FromResult(ApplyResult.Applied), new Saves().Save, () => calls++ < 2);
        Assert.Equal("c2", first.Cursor.Cursor);

        var second = await CheckpointedScan.RunAsync(first.Cursor, Now.AddHours(1), Overlap, Fetch, _ => Task.FromResult(ApplyResult.Applied), new Saves().Save);

        Assert.True(second.CaughtUp);
        Assert.Equal([null, "c1", "c2"], requests.Select(r => r.Cursor));
        Assert.Null(second.Cursor.Cursor);
    }

    [Fact]
    public async Task ASourceRepeatingItsCursorEndsThePass()
    {
        var fetches = 0;
        var result = await CheckpointedScan.RunAsync(
            new ScanCursor { Checkpoint = Checkpoint, PassUntil = Now, Cursor = "same", NextPage = 2 }, Now, Overlap,
            _ => { fetches++; return Task.FromResult(new ScanPage<int>([1], true, "same")); },
            _ => Task.FromResult(ApplyResult.Applied), new Saves().Save);

        Assert.True(result.CaughtUp);
        Assert.Equal(1, fetches);
    }

    [Fact]
    public async Task CountsTellAppliedUnchangedAndSkippedApartAndApplyInBatches()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        async Task<ApplyResult> Apply(int item)
        {
            maxInFlight = Math.Max(maxInFlight, ++inFlight);
            await Task.Yield();
            inFlight--;
            return (item % 3) switch { 0 => ApplyResult.Applied, 1 => ApplyResult.Unchanged, _ => ApplyResult.Skipped };
        }

        var result = await CheckpointedScan.RunAsync(
            new ScanCursor { Checkpoint = Checkpoint }, Now, Overlap, new PagedSource([.. Enumerable.Range(0, 10)]).Fetch, Apply,
            new Saves().Save, concurrency: 4);

        Assert.Equal(new ScanTally(1, 10, 4, 3), result.Tally);
        Assert.InRange(maxInFlight, 1, 4);
    }

    [Fact]
    public void TheCheckpointNeverMovesBackwards()
    {
        var late = new ScanCursor { Checkpoint = Now, PassUntil = Now.AddMinutes(1) };

        Assert.Equal(Now, CheckpointedScan.EndPass(late, Overlap).Checkpoint);
        Assert.Throws<InvalidOperationException>(() => CheckpointedScan.EndPass(new ScanCursor(), Overlap));
    }

    [Fact]
    public async Task AFirstPassWithoutCheckpointReadsFromTheBeginning()
    {
        var source = new PagedSource([1]);

        var result = await CheckpointedScan.RunAsync(new ScanCursor(), Now, Overlap, source.Fetch, _ => Task.FromResult(ApplyResult.Applied), new Saves().Save);

        Assert.Null(Assert.Single(source.Requests).Since);
        Assert.Equal(Now - Overlap, result.Cursor.Checkpoint);
    }
}
