using PipedriveMaileon.Grains.Interfaces.Operations;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Operations;

[Collection(ClusterCollection.Name)]
public sealed class ClusterProbeGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_written_value_survives_deactivation()
    {
        var key = Guid.NewGuid().ToString("N");
        var probe = fixture.Grains.GetGrain<IClusterProbeGrain>(key);

        await probe.Write("first");
        var second = await probe.Write("second");
        await fixture.Cluster.DeactivateAsync(probe);
        var read = await fixture.Grains.GetGrain<IClusterProbeGrain>(key).Read();

        Assert.Equal(2, second.Writes);
        Assert.Equal("second", read.Value);
        Assert.Equal(2, read.Writes);
        Assert.NotNull(read.WrittenAt);
    }

    [Fact]
    public async Task An_unwritten_probe_reads_as_empty()
    {
        var read = await fixture.Grains.GetGrain<IClusterProbeGrain>(Guid.NewGuid().ToString("N")).Read();

        Assert.Null(read.Value);
        Assert.Equal(0, read.Writes);
    }
}
