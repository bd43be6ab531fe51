using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Silo.GrainLocations;

namespace PipedriveMaileon.IntegrationTests.GrainLocations;

/// <summary>
/// The silo's grain location cache keeps the contract Orleans' grain directory relies on (Orleans'
/// <c>IGrainDirectoryCache</c>): a later location replaces an earlier one whatever its version, a location is removed
/// only while it still names the silo being removed, the cache stays within its capacity, and an entry older than its
/// time to live is not returned.
/// </summary>
public sealed class GrainLocationCacheTests
{
    private static readonly SiloAddress SiloA = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress SiloB = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);

    [Fact]
    public void A_location_is_found_with_its_version_and_a_later_one_replaces_it_whatever_its_version()
    {
        var cache = new GrainLocationCache(100, TimeSpan.FromMinutes(4));
        var grain = Grain("person/1");

        cache.AddOrUpdate(Address(grain, SiloA), 7);
        Assert.True(cache.LookUp(grain, out var first, out var firstVersion));
        Assert.Equal(SiloA, first.SiloAddress);
        Assert.Equal(7, firstVersion);

        cache.AddOrUpdate(Address(grain, SiloB), 3);
        Assert.True(cache.LookUp(grain, out var second, out var secondVersion));
        Assert.Equal(SiloB, second.SiloAddress);
        Assert.Equal(3, secondVersion);
        Assert.False(cache.LookUp(Grain("person/2"), out _, out _));
    }

    [Fact]
    public void Removing_by_address_takes_the_entry_only_while_it_names_that_silo()
    {
        var cache = new GrainLocationCache(100, TimeSpan.FromMinutes(4));
        var grain = Grain("person/1");
        cache.AddOrUpdate(Address(grain, SiloB), 1);

        Assert.False(cache.Remove(Address(grain, SiloA)));
        Assert.True(cache.LookUp(grain, out _, out _));

        // Another activation on the same silo: the entry names that silo, so it goes.
        Assert.True(cache.Remove(Address(grain, SiloB)));
        Assert.False(cache.LookUp(grain, out _, out _));
        Assert.False(cache.Remove(Address(grain, SiloB)));
    }

    [Fact]
    public void Removing_by_grain_clearing_and_listing()
    {
        var cache = new GrainLocationCache(100, TimeSpan.FromMinutes(4));
        cache.AddOrUpdate(Address(Grain("person/1"), SiloA), 1);
        cache.AddOrUpdate(Address(Grain("person/2"), SiloB), 2);

        Assert.Equal(
            [("person/1", SiloA, 1), ("person/2", SiloB, 2)],
            cache.KeyValues.Select(e => (e.ActivationAddress.GrainId.ToString(), e.ActivationAddress.SiloAddress!, e.Version)).OrderBy(e => e.Item1));
        Assert.True(cache.Remove(Grain("person/1")));
        Assert.False(cache.Remove(Grain("person/1")));
        Assert.Equal(["person/2"], cache.KeyValues.Select(e => e.ActivationAddress.GrainId.ToString()));

        cache.Clear();
        Assert.Empty(cache.KeyValues);
        Assert.False(cache.LookUp(Grain("person/2"), out _, out _));
    }

    [Fact]
    public void The_cache_holds_at_most_its_capacity_and_keeps_the_latest()
    {
        const int capacity = 30;
        var cache = new GrainLocationCache(capacity, TimeSpan.FromMinutes(4));
        for (var i = 0; i < 10 * capacity; i++)
        {
            cache.AddOrUpdate(Address(Grain($"person/{i}"), SiloA), i);
        }

        Assert.InRange(cache.KeyValues.Count(), 1, capacity);
        Assert.InRange(cache.ApproximateCount, 1, capacity);
        Assert.True(cache.LookUp(Grain($"person/{10 * capacity - 1}"), out _, out _));
        Assert.False(cache.LookUp(Grain("person/0"), out _, out _));
    }

    [Fact]
    public void An_entry_older_than_the_time_to_live_is_not_returned()
    {
        var cache = new GrainLocationCache(100, TimeSpan.FromMilliseconds(50));
        var grain = Grain("person/1");
        cache.AddOrUpdate(Address(grain, SiloA), 1);

        // Waiting longer than the time to live can only leave the entry more expired.
        Thread.Sleep(TimeSpan.FromMilliseconds(300));

        Assert.False(cache.LookUp(grain, out _, out _));
        Assert.Empty(cache.KeyValues);
    }

    [Fact]
    public void The_entries_gauge_reports_the_cache_size_without_Orleans_directory_gauge()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var cache = new GrainLocationCache(100, TimeSpan.FromMinutes(4), meters);
        for (var i = 0; i < 12; i++)
        {
            cache.AddOrUpdate(Address(Grain($"person/{i}"), SiloA), i);
        }

        var observed = new List<int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == TelemetryNames.SiloMeter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            Assert.Equal(GrainLocationCache.EntriesInstrument, instrument.Name);
            observed.Add(value);
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal([12], observed);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_cache_of_fewer_than_three_entries_other_than_none_is_refused(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceCollection().AddGrainLocationCache(capacity));
    }

    private static GrainId Grain(string id) => GrainId.Parse(id);

    private static GrainAddress Address(GrainId grain, SiloAddress silo) =>
        new() { GrainId = grain, SiloAddress = silo, ActivationId = ActivationId.NewId() };
}
