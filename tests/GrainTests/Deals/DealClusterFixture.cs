using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Deals;

/// <summary>A silo like the shared fixture's, with the deal gateway replaced by in-memory tenants.</summary>
public sealed class DealClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public InMemoryJournalWriter Journal { get; } = new();

    public FakeDealTenants Tenants { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            TestSiloServices.AddCommon(silo, Journal);
            silo.Services.AddSingleton<IDealGatewayFactory>(Tenants);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DealClusterCollection : ICollectionFixture<DealClusterFixture>
{
    public const string Name = nameof(DealClusterCollection);
}
