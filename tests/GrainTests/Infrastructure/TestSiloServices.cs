using Microsoft.Extensions.Configuration;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>What every test silo shares: production storage name and serializer in memory, fast retries, a journal to inspect.</summary>
public static class TestSiloServices
{
    public static void AddCommon(ISiloBuilder silo, IJournalWriter journal)
    {
        // Same serializer as production (see SiloHostBuilder): state must round-trip through System.Text.Json.
        silo.AddMemoryGrainStorage(ClusterIdentity.StorageProvider);
        silo.Services.AddOptions<MemoryGrainStorageOptions>(ClusterIdentity.StorageProvider)
            .Configure<IServiceProvider>((o, services) => o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services));
        silo.UseInMemoryReminderService();
        silo.Services.AddGrainRuntimeServices();
        silo.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        silo.Services.AddSingleton(journal);
        silo.Services.AddSingleton<ITenantWorkIndex, FakeTenantWorkIndex>();

        // Fast retries so backoff shows in tests without waiting minutes.
        silo.Services.AddSingleton(new RetryPolicy(maxAttempts: 4, first: TimeSpan.FromMilliseconds(20), cap: TimeSpan.FromMilliseconds(100)));
    }

    /// <summary>The API clients as the silo registers them, pointed where nothing listens: grains holding them activate, and no test reaches a real service.</summary>
    public static void AddApiClientsReachingNothing(ISiloBuilder silo)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipedrive:ClientId"] = "grain-tests",
            ["Pipedrive:ClientSecret"] = "grain-tests-secret",
            ["Pipedrive:OAuthBaseUrl"] = "http://127.0.0.1:9",
            ["Maileon:BaseUrl"] = "http://127.0.0.1:9/1.0",
        }).Build();
        silo.Services.AddPipedriveClients(configuration).AddMaileonClients(configuration);
    }
}
