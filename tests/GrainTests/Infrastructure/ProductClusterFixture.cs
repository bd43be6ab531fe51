using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.GrainTests.Contacts;
using PipedriveMaileon.GrainTests.FirstSync;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// One in-process silo with the product grains and fake effect handlers (nothing reaches Pipedrive or Maileon),
/// in-memory storage and reminders. One silo, so protected secrets written by a test are readable by the grains.
/// Tests use their own tenants (<see cref="NewCompany"/>).
/// </summary>
public class ProductClusterFixture : IAsyncLifetime
{
    private static long nextCompany = 7_000_000_000 + (Environment.ProcessId % 10_000) * 10_000;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public InMemoryJournalWriter Journal { get; } = new();

    /// <summary>The API calls of persons; their messages to their addresses the grains send for real.</summary>
    public FakeEffects<ContactEffect> Contacts { get; } = new(request => ContactDefaults.Outcome(request));

    /// <summary>The Maileon calls of addresses (double opt-in, unsubscribe, erase); their notices to persons the grains send for real.</summary>
    public FakeEffects<AddressEffect> Addresses { get; } = new(request => ContactDefaults.Outcome(request));

    public FakeEffects<DealEffect> Deals { get; } = new(request => DealSendRules.Sent(request.Command.Work, request.Command.Work.Deal.PersonId ?? 0, null));

    public FakeEffects<TenantEffect> TenantEffects { get; } = new(_ => EffectOutcome.Done("done"));

    public FakeOAuth OAuth { get; } = new();

    /// <summary>What the first sync reads (persons, Maileon contacts and unsubscriptions), per company.</summary>
    public FakeFirstSyncSource FirstSyncSource { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider Silo => Cluster.GetSiloServiceProvider();

    public SecretProtector Secrets => Silo.GetRequiredService<SecretProtector>();

    public static long NewCompany() => Interlocked.Increment(ref nextCompany);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            TestSiloServices.AddCommon(silo, Journal);
            silo.Services.AddSingleton<IEffectHandler<ContactEffect>>(Contacts);
            silo.Services.AddSingleton<IEffectHandler<AddressEffect>>(Addresses);
            silo.Services.AddSingleton<IEffectHandler<DealEffect>>(Deals);
            silo.Services.AddSingleton<IEffectHandler<TenantEffect>>(TenantEffects);
            silo.Services.AddSingleton<IFirstSyncSource>(FirstSyncSource);

            TestSiloServices.AddApiClientsReachingNothing(silo);
            silo.Services.AddHttpClient<PipedriveOAuthClient>().ConfigurePrimaryHttpMessageHandler(() => OAuth);
            silo.Services.AddOptions<ReconciliationOptions>();
            // Uninstalls wait briefly for unsubscribes; new webhook credentials need no time to reach a web tier here.
            silo.Services.AddOptions<TenantSetupOptions>().Configure(o =>
            {
                o.UninstallUnsubscribeSeconds = 2;
                o.WebhookCredentialPropagationSeconds = 0;
            });
            ConfigureSilo(silo);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        // A reconnect's ResumeWork runs the real resumer (over the fake work index the tests fill).
        TenantEffects.DefaultAsync = async request => request.Command is TenantEffect.ResumeWork
            ? EffectOutcome.Done($"resumed {await Silo.GetRequiredService<TenantWorkResumer>().ResumeAsync(request.CompanyId, CancellationToken.None)}")
            : EffectOutcome.Done("done");
    }

    public FakeTenantWorkIndex WorkIndex => (FakeTenantWorkIndex)Silo.GetRequiredService<ITenantWorkIndex>();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>What a derived fixture changes in the silo (a fake clock, shorter ages), after everything else is registered.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>A tenant as setup leaves it: installed, Maileon key saved, Newsletter field created, deal events on.</summary>
    public async Task<TenantState> SetUpTenantAsync(long companyId, Action<TenantState>? adjust = null)
    {
        var state = new TenantState
        {
            Status = TenantStatus.Active,
            ConfigVersion = 1,
            CompanyName = $"Company {companyId}",
            InstallingUserId = ContactDefaults.AppUserId,
            InstalledAt = DateTimeOffset.UtcNow,
            // Nothing listens there: a call that slips past the fake handlers fails at once instead of waiting on DNS.
            ApiBase = new Uri("http://127.0.0.1:9/"),
            AccessToken = Secrets.Protect("access-token"),
            RefreshToken = Secrets.Protect("refresh-token"),
            AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            MaileonApiKey = Secrets.Protect("maileon-key"),
            DealEventsEnabled = true,
            NewsletterField = ContactDefaults.Newsletter,
        };
        adjust?.Invoke(state);
        await StoredStates.WriteAsync(Silo, TenantId(companyId), GrainTypes.Tenant, state);
        return state;
    }

    public static GrainId TenantId(long companyId) => GrainId.Create(GrainType.Create(GrainTypes.Tenant), GrainIdKeyExtensions.CreateIntegerKey(companyId));
}

[CollectionDefinition(Name)]
public sealed class ProductClusterCollection : ICollectionFixture<ProductClusterFixture>
{
    public const string Name = nameof(ProductClusterCollection);
}
