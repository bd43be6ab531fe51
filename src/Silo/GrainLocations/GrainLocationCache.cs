using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using BitFaster.Caching.Lru;
using Orleans.Runtime.GrainDirectory;
using PipedriveMaileon.Grains.Interfaces.Observability;

namespace PipedriveMaileon.Silo.GrainLocations;

/// <summary>
/// The silo's cache of where grains live (Orleans' grain directory cache): bounded, least recently used out first, and
/// an entry older than the directory's maximum TTL is not returned, as in Orleans' own LRU cache. It differs in one
/// thing: its size is not reported to Orleans' directory-cache gauge, which counts the entries by walking every one of
/// them. The Orleans Dashboard's metric reader reads every Orleans gauge once a second on every silo, watched or not, so
/// that walk cost a silo CPU in proportion to its cache (15 % of a capped silo's CPU at the benchmark's first
/// activations). The <c>pm.silo.grain_locations</c> gauge reports this cache's size from its segment counts instead.
/// </summary>
public sealed class GrainLocationCache : IGrainDirectoryCache
{
    /// <summary>The fewest entries the underlying LRU can hold (one per segment: hot, warm and cold).</summary>
    public const int MinimumCapacity = 3;

    public const string EntriesInstrument = "pm.silo.grain_locations";

    /// <summary>What <c>Orleans:DirectoryCacheSize</c> may be: 0 (Orleans caches nothing) or at least <see cref="MinimumCapacity"/>.</summary>
    public static string CapacityRule => $"0 (no cache) or at least {MinimumCapacity} grain locations";

    private readonly FastConcurrentTLru<GrainId, (GrainAddress Address, int Version)> entries;

    public GrainLocationCache(int capacity, TimeSpan timeToLive, IMeterFactory? meters = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, MinimumCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        entries = new FastConcurrentTLru<GrainId, (GrainAddress, int)>(capacity, timeToLive);
        meters?.Create(TelemetryNames.SiloMeter).CreateObservableGauge(EntriesInstrument, () => ApproximateCount, "{entry}",
            "Grain locations this silo caches (entries removed since the cache last cycled included).");
    }

    /// <summary>Whether a silo may be configured with <paramref name="capacity"/> (see <see cref="CapacityRule"/>).</summary>
    public static bool Allows(int capacity) => capacity == 0 || capacity >= MinimumCapacity;

    /// <summary>
    /// The entries in the cache's segments, read without walking them: an entry removed or expired may still count
    /// until the cache next cycles its segment.
    /// </summary>
    public int ApproximateCount => entries.HotCount + entries.WarmCount + entries.ColdCount;

    public IEnumerable<(GrainAddress ActivationAddress, int Version)> KeyValues =>
        entries.Select(entry => (entry.Value.Address, entry.Value.Version));

    public void AddOrUpdate(GrainAddress value, int version)
    {
        ArgumentNullException.ThrowIfNull(value);
        entries.AddOrUpdate(value.GrainId, (value, version));
    }

    public bool Remove(GrainId key) => entries.TryRemove(key);

    /// <summary>
    /// Removes the entry for <paramref name="key"/>'s grain only while it still points at <paramref name="key"/>'s silo
    /// (whatever its activation): an entry another thread has since replaced with a newer location stays.
    /// </summary>
    public bool Remove(GrainAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return entries.TryGet(key.GrainId, out var cached)
            && Equals(cached.Address.SiloAddress, key.SiloAddress)
            && entries.TryRemove(new KeyValuePair<GrainId, (GrainAddress, int)>(key.GrainId, cached));
    }

    public void Clear() => entries.Clear();

    public bool LookUp(GrainId key, [NotNullWhen(true)] out GrainAddress? result, out int version)
    {
        if (entries.TryGet(key, out var cached))
        {
            result = cached.Address;
            version = cached.Version;
            return true;
        }

        result = null;
        version = 0;
        return false;
    }
}
