using System.Net;
using PipedriveMaileon.Web.Hosting;

namespace PipedriveMaileon.UnitTests.Web;

/// <summary>
/// The ring's rule on made-up silos; that it is Orleans' own rule is shown against two real silos by
/// <c>DirectoryOwnerRoutingTests</c> (integration), where a wrong owner would cost remote directory requests.
/// </summary>
public sealed class DirectoryRingTests
{
    private static readonly SiloAddress[] Silos = [.. Enumerable.Range(0, 4).Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 100 + i))];

    private static readonly GrainId[] Grains = [.. Enumerable.Range(0, 2000).Select(i => GrainId.Create("contact", $"7+{i}"))];

    [Fact]
    public void A_grains_entry_is_on_the_last_silo_hashed_at_or_below_it_and_on_the_last_of_all_below_the_first()
    {
        var ring = new DirectoryRing(Silos.Reverse());
        var byHash = Silos.OrderBy(s => s.GetConsistentHashCode()).ToArray();

        foreach (var grain in Grains)
        {
            var hash = unchecked((int)grain.GetUniformHashCode());
            var expected = byHash.LastOrDefault(s => s.GetConsistentHashCode() <= hash) ?? byHash[^1];
            Assert.Equal(expected, ring.OwnerOf(grain));
        }

        // Every silo owns some of 2,000 grains, and one that wraps round the ring exists among them.
        Assert.Equal(Silos.Length, Grains.Select(ring.OwnerOf).Distinct().Count());
        Assert.Contains(Grains, g => unchecked((int)g.GetUniformHashCode()) < byHash[0].GetConsistentHashCode());
    }

    [Fact]
    public void One_silo_owns_everything_and_an_empty_ring_nothing()
    {
        var single = new DirectoryRing([Silos[2]]);
        Assert.All(Grains.Take(100), g => Assert.Equal(Silos[2], single.OwnerOf(g)));
        Assert.Null(new DirectoryRing([]).OwnerOf(Grains[0]));
        Assert.Equal(4, new DirectoryRing([.. Silos, Silos[0]]).Count);
    }
}
