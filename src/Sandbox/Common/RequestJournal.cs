using System.Collections.Concurrent;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>
/// Every emulated API request received, in arrival order, so tests and the console can inspect the wire traffic.
/// Bounded: the oldest entries are dropped past <see cref="Capacity"/>.
/// </summary>
public sealed class RequestJournal
{
    public const int Capacity = 200_000;

    private readonly ConcurrentQueue<RecordedRequest> entries = new();
    private long sequence;

    public long NextSequence() => Interlocked.Increment(ref sequence);

    public void Add(RecordedRequest request)
    {
        entries.Enqueue(request);
        while (entries.Count > Capacity && entries.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<RecordedRequest> Query(EmulatorKind emulator, long afterSequence = 0) =>
        entries.Where(e => e.Emulator == emulator && e.Sequence > afterSequence).OrderBy(e => e.Sequence).ToList();

    public void Clear(EmulatorKind emulator)
    {
        var keep = entries.Where(e => e.Emulator != emulator).ToList();
        entries.Clear();
        foreach (var entry in keep)
        {
            entries.Enqueue(entry);
        }
    }
}
