using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Tenants;

/// <summary>An installed tenant with nothing to do costs no activations: its grains go once idle, its reminders stay.</summary>
[Collection(ShortIdleClusterCollection.Name)]
public sealed class IdleTenantTests(ShortIdleClusterFixture fixture)
{
    [Fact]
    public async Task A_tenant_with_nothing_to_do_has_no_activation_after_the_collection_age()
    {
        var company = ProductClusterFixture.NewCompany();
        // No Maileon key: the reconciliation run ends at once ("not set up"), without calling anyone.
        var stored = await fixture.SetUpTenantAsync(company, state => state.MaileonApiKey = null);
        var reconciliation = fixture.Grains.Reconciliation(company);
        await reconciliation.Start();
        await reconciliation.RunNow();
        await Eventually.MatchesAsync(reconciliation.GetView, v => v.LastError is not null && !v.Running);
        await fixture.Grains.TenantHealth(company).Start();
        Assert.Equal(stored.ConfigVersion, (await fixture.Grains.Tenant(company).GetConnection()).ConfigVersion);
        Assert.NotEqual("none", await ActiveAsync(company));

        await Eventually.MatchesAsync(() => ActiveAsync(company), active => active == "none");

        // Nothing was lost by going: the reminders are still registered and the record answers as before.
        Assert.True((await reconciliation.GetView()).Scheduled);
        Assert.Equal(stored.ConfigVersion, (await fixture.Grains.Tenant(company).GetConnection()).ConfigVersion);
    }

    /// <summary>Which of the tenant's own grains are active in the cluster, by grain type name ("none" when none is).</summary>
    private async Task<string> ActiveAsync(long company)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var key = GrainIdKeyExtensions.CreateIntegerKey(company);
        var active = new List<string>();
        foreach (var type in new[] { GrainTypes.Tenant, GrainTypes.TenantSetup, GrainTypes.TenantHealth, GrainTypes.Reconciliation })
        {
            if ((await management.GetActiveGrains(GrainType.Create(type))).Contains(GrainId.Create(GrainType.Create(type), key)))
            {
                active.Add(type);
            }
        }

        return active.Count == 0 ? "none" : string.Join(", ", active);
    }
}
