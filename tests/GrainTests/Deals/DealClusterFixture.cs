using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;
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
            silo.AddMemoryGrainStorage(ClusterIdentity.StorageProvider);
            silo.Services.AddOptions<MemoryGrainStorageOptions>(ClusterIdentity.StorageProvider)
                .Configure<IServiceProvider>((o, services) => o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services));
            silo.UseInMemoryReminderService();
            silo.Services.AddGrainRuntimeServices();
            silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            silo.Services.AddSingleton<IJournalWriter>(Journal);
            silo.Services.AddSingleton<IDealGatewayFactory>(Tenants);
            silo.Services.AddSingleton(new RetryPolicy(maxAttempts: 4, first: TimeSpan.FromMilliseconds(20), cap: TimeSpan.FromMilliseconds(100)));
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
