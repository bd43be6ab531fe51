namespace PipedriveMaileon.Web.Hosting;

/// <summary>
/// Which silo holds a grain's entry in Orleans' grain directory (its default, distributed hash table): the active silos
/// ordered by <see cref="SiloAddress.GetConsistentHashCode"/> on a ring, a grain's entry on the last silo whose hash is
/// not above the grain's <see cref="GrainId.GetUniformHashCode"/> (read as a signed number), the last silo of all when
/// none is. This is the rule of Orleans 10's <c>LocalGrainDirectory.CalculateGrainDirectoryPartition</c>, learned from
/// its source; a silo that sees another membership than this ring's briefly disagrees, which costs a hop, never a
/// wrong answer (the silos' directory stays the authority).
/// </summary>
public sealed class DirectoryRing
{
    private readonly SiloAddress[] ring;

    public DirectoryRing(IEnumerable<SiloAddress> activeSilos)
    {
        ArgumentNullException.ThrowIfNull(activeSilos);
        ring = [.. activeSilos.Distinct().Order(Comparer<SiloAddress>.Create(static (a, b) =>
            a.GetConsistentHashCode().CompareTo(b.GetConsistentHashCode()) is var byHash and not 0 ? byHash : a.CompareTo(b)))];
    }

    public int Count => ring.Length;

    /// <summary>The silo holding <paramref name="grain"/>'s directory entry; null on an empty ring.</summary>
    public SiloAddress? OwnerOf(GrainId grain)
    {
        if (ring.Length == 0)
        {
            return null;
        }

        var hash = unchecked((int)grain.GetUniformHashCode());
        for (var i = ring.Length - 1; i >= 0; i--)
        {
            if (ring[i].GetConsistentHashCode() <= hash)
            {
                return ring[i];
            }
        }

        return ring[^1];
    }
}
