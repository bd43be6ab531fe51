using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace PipedriveMaileon.LoadGenerator.Measurement;

/// <summary>
/// Forces a full, compacting GC in another .NET process through its diagnostics port (an EventPipe session with the
/// runtime's GCHeapCollect keyword, as heap-dump tools do) and reads the managed heap's size right after it from
/// the GC's own heap statistics event. Memory per idle object is only meaningful after such a collection: before
/// it, RSS and heap hold whatever garbage the last phase left.
/// </summary>
public static class ManagedHeap
{
    private const long GcKeyword = 0x1;
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>The heap size (all generations, large and pinned object heaps) after a forced full GC; null when the process cannot be reached.</summary>
    public static async Task<long?> CollectAsync(int pid, TimeSpan timeout)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            using var session = client.StartEventPipeSession(
                new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcKeyword | GcHeapCollectKeyword),
                requestRundown: false);
            using var source = new EventPipeEventSource(session.EventStream);
            var fullCollectionSeen = false;
            var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            source.Clr.GCStart += (GCStartTraceData e) => fullCollectionSeen |= e.Depth == 2;
            source.Clr.GCHeapStats += (GCHeapStatsTraceData e) =>
            {
                if (fullCollectionSeen)
                {
                    heap.TrySetResult(e.TotalHeapSize);
                }
            };
            var processing = Task.Run(source.Process);
            var done = await Task.WhenAny(heap.Task, Task.Delay(timeout));
            await session.StopAsync(CancellationToken.None);
            await processing.WaitAsync(TimeSpan.FromSeconds(10));
            return done == heap.Task ? await heap.Task : null;
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or EndOfStreamException or TimeoutException or IOException)
        {
            return null;
        }
    }

    /// <summary>Collects in each process twice (finalizers of the first collection run before the second); RSS and heap summed.</summary>
    public static async Task<MemorySnapshot> SnapshotAsync(IReadOnlyList<int> pids)
    {
        long heapTotal = 0;
        var heapKnown = pids.Count > 0;
        foreach (var pid in pids)
        {
            await CollectAsync(pid, TimeSpan.FromSeconds(20));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            if (await CollectAsync(pid, TimeSpan.FromSeconds(20)) is { } heap)
            {
                heapTotal += heap;
            }
            else
            {
                heapKnown = false;
            }
        }

        return new MemorySnapshot(ProcessMemory.TotalRss(pids), heapKnown ? heapTotal : null);
    }
}
