using Orleans.Configuration;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Hosting;

/// <summary>
/// How long a tenant's own grains stay active with nothing to do. Orleans' default (15 minutes) is the interval of the
/// self-check and reconciliation reminders, so an idle tenant's grains were never collected. Two minutes is long
/// against the traffic of a busy tenant (every silo asks the tenant grain at least every
/// <see cref="TenantConnections.Lifetime"/>) and short against the reminders, which activate them again when due.
/// Set as configuration (<see cref="GrainCollectionOptions.ClassSpecificCollectionAge"/>), not as attributes, so a
/// test silo can shorten it and watch an idle tenant go.
/// </summary>
public static class TenantGrainIdleness
{
    public static readonly TimeSpan Age = TimeSpan.FromMinutes(2);

    public static IReadOnlyList<Type> Grains { get; } =
        [typeof(TenantGrain), typeof(TenantSetupGrain), typeof(TenantHealthGrain), typeof(ReconciliationGrain), typeof(SettingsAccessGrain),
         typeof(EngagementGrain), typeof(FirstSyncGrain)];

    public static void Apply(GrainCollectionOptions options, TimeSpan age)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var grain in Grains)
        {
            options.ClassSpecificCollectionAge[grain.FullName!] = age;
        }
    }
}
