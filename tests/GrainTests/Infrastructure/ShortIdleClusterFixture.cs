using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.GrainTests.Infrastructure;

/// <summary>
/// The product cluster with a tenant's grains collected after <see cref="IdleAge"/> instead of minutes. Orleans'
/// activation collector runs on the wall clock (not on an injected time provider), so the ages are shortened
/// rather than time faked; everything else is as the product configures it.
/// </summary>
public sealed class ShortIdleClusterFixture : ProductClusterFixture
{
    public static readonly TimeSpan IdleAge = TimeSpan.FromSeconds(2);

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.Configure<GrainCollectionOptions>(options =>
        {
            options.CollectionQuantum = TimeSpan.FromSeconds(1);
            TenantGrainIdleness.Apply(options, IdleAge);
        });
}

[CollectionDefinition(Name)]
public sealed class ShortIdleClusterCollection : ICollectionFixture<ShortIdleClusterFixture>
{
    public const string Name = nameof(ShortIdleClusterCollection);
}
