using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.GrainTests.Outbox;
using Orleans.TestingHost;

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

    /// <summary>The grain timers registered per grain, on either silo.</summary>
    public GrainTimerCounts Timers { get; } = new();

    /// <summary>Swallows outbox step calls on either silo when told to.</summary>
    public LostStepCalls LostSteps { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Services of the first silo (its storage is the cluster's, in memory).</summary>
    public IServiceProvider Silo => Cluster.GetSiloServiceProvider();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            TestSiloServices.AddCommon(silo, Journal);
            CountingTimerRegistry.Decorate(silo.Services, Timers);
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(LostSteps);
            silo.Services.AddSingleton(Effects);
            silo.Services.AddOutbox<OutboxProbeState, ProbeWork, ProbeWork, OutboxProbeRules>(OutboxProbeRules.GrainType, OutboxKeyKind.CompanyEntity);
            silo.Services.AddSingleton<IEffectHandler<ProbeWork>, ProbeEffects>();

            TestSiloServices.AddApiClientsReachingNothing(silo);
            silo.Services.AddOptions<ReconciliationOptions>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
