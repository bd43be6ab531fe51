using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using PipedriveMaileon.Grains.Interfaces.Hosting;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// Two in-process silos with in-memory storage and reminders registered under the production provider name,
/// shared by a test collection. Tests use unique grain keys, never a fixed one.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            // Same serializer as production (see SiloHostBuilder): state must round-trip through System.Text.Json.
            silo.AddMemoryGrainStorage(ClusterIdentity.StorageProvider);
            silo.Services.AddOptions<MemoryGrainStorageOptions>(ClusterIdentity.StorageProvider)
                .Configure<IServiceProvider>((o, services) => o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services));
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(Time);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
