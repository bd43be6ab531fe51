using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Engagement;

/// <summary>
/// The product cluster with the engagement poll's outside world faked: Maileon's reports, the identity seam, and the
/// Pipedrive writes (each entry write answers with a new id). Small pages (5 rows) and a small budget share (0.01 of
/// the smallest daily budget: 300 tokens, 30 note writes per run), so paging, crashes and budget stops show quickly.
/// </summary>
public sealed class EngagementClusterFixture : ProductClusterFixture
{
    private long nextEntryId = 1;

    public FakeEngagementReports Reports { get; } = new();

    public FakeAddressPersons AddressPersons { get; } = new();

    public FakeEffects<EngagementEffect> Writes { get; private set; } = null!;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        Writes = new FakeEffects<EngagementEffect>(request => request.Command.Entry is { } write
            ? EffectOutcome.Done("written", new EngagementEffectResult.EntryWritten(write.PipedriveId ?? Interlocked.Increment(ref nextEntryId), write.Target, write.Digest))
            : EffectOutcome.Done("flagged", new EngagementEffectResult.Flagged()));
        silo.Services.AddSingleton<IEngagementReports>(Reports);
        silo.Services.AddSingleton<ITenantAddressPersons>(AddressPersons);
        silo.Services.AddSingleton<IEffectHandler<EngagementEffect>>(Writes);
        silo.Services.Configure<EngagementOptions>(o =>
        {
            o.PageSize = 5;
            o.BudgetShare = 0.01;
            o.WakeDelaySeconds = 0;
            o.WriteDelaySeconds = 0;
        });
    }
}

[CollectionDefinition(Name)]
public sealed class EngagementClusterCollection : ICollectionFixture<EngagementClusterFixture>
{
    public const string Name = nameof(EngagementClusterCollection);
}
