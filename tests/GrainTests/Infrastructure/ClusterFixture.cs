using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Outbox;
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

    public InMemoryJournalWriter Journal { get; } = new();

    public ScriptedEffects Effects { get; } = new();

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
            silo.Services.AddGrainRuntimeServices();
            silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
            silo.Services.AddSingleton<IJournalWriter>(Journal);
            silo.Services.AddSingleton(Effects);

            // API clients pointing nowhere: grains that need them activate, and no test reaches a real service.
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Pipedrive:ClientId"] = "grain-tests",
                ["Pipedrive:ClientSecret"] = "grain-tests-secret",
                ["Pipedrive:OAuthBaseUrl"] = "http://127.0.0.1:9",
                ["Maileon:BaseUrl"] = "http://127.0.0.1:9/1.0",
            }).Build();
            silo.Services.AddPipedriveClients(configuration).AddMaileonClient(configuration);
            silo.Services.AddOptions<ReconciliationOptions>();

            // Fast retries so backoff shows in tests without waiting minutes.
            silo.Services.AddSingleton(new RetryPolicy(maxAttempts: 4, first: TimeSpan.FromMilliseconds(20), cap: TimeSpan.FromMilliseconds(100)));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
