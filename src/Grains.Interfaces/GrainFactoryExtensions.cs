using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Interfaces;

/// <summary>The grains of a tenant, by what they are for: the one place their keys are made.</summary>
public static class GrainFactoryExtensions
{
    public static ITenantGrain Tenant(this IGrainFactory grains, long companyId) => grains.GetGrain<ITenantGrain>(companyId);

    public static ITenantSetupGrain TenantSetup(this IGrainFactory grains, long companyId) => grains.GetGrain<ITenantSetupGrain>(companyId);

    public static ISettingsAccessGrain SettingsAccess(this IGrainFactory grains, long companyId) => grains.GetGrain<ISettingsAccessGrain>(companyId);

    public static ITenantHealthGrain TenantHealth(this IGrainFactory grains, long companyId) => grains.GetGrain<ITenantHealthGrain>(companyId);

    public static IContactSyncGrain Contact(this IGrainFactory grains, long companyId, long personId) =>
        GrainReferenceShape<IContactSyncGrain>.Get(grains, personId, CompanyKey.Format(companyId));

    /// <summary>
    /// The tenant's grain of one e-mail address. <paramref name="addressKey"/> must be an <see cref="EmailAddressKey"/>
    /// (trimmed, lower case): two spellings of one address are one Maileon contact and one grain.
    /// </summary>
    public static IAddressGrain Address(this IGrainFactory grains, long companyId, string addressKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(addressKey);
        if (EmailAddressKey.Of(addressKey) != addressKey)
        {
            throw new ArgumentException("Not an address key (EmailAddressKey.Of).", nameof(addressKey));
        }

        return grains.GetGrain<IAddressGrain>(companyId, addressKey);
    }

    public static IFirstSyncGrain FirstSync(this IGrainFactory grains, long companyId) => grains.GetGrain<IFirstSyncGrain>(companyId);

    public static IDealGrain Deal(this IGrainFactory grains, long companyId, long dealId) =>
        GrainReferenceShape<IDealGrain>.Get(grains, dealId, CompanyKey.Format(companyId));

    public static IDealTransactionTypesGrain DealTransactionTypes(this IGrainFactory grains, long companyId) =>
        grains.GetGrain<IDealTransactionTypesGrain>(companyId);

    public static IReconciliationGrain Reconciliation(this IGrainFactory grains, long companyId) => grains.GetGrain<IReconciliationGrain>(companyId);

    public static IEngagementGrain Engagement(this IGrainFactory grains, long companyId) => grains.GetGrain<IEngagementGrain>(companyId);

    public static IPersonEngagementGrain PersonEngagement(this IGrainFactory grains, long companyId, long personId) =>
        GrainReferenceShape<IPersonEngagementGrain>.Get(grains, personId, CompanyKey.Format(companyId));

    /// <summary>Completes OAuth installations (stateless; one key for all).</summary>
    public static IInstallationGrain Installation(this IGrainFactory grains) => grains.GetGrain<IInstallationGrain>(0);

    /// <summary>The cluster's one outbox sweeper.</summary>
    public static IOutboxSweeperGrain OutboxSweeper(this IGrainFactory grains) => grains.GetGrain<IOutboxSweeperGrain>(0);
}
