namespace PipedriveMaileon.Grains.Interfaces.Tenants;

public enum TenantStatus
{
    /// <summary>No installation has ever completed for this company.</summary>
    NotInstalled,

    Active,

    /// <summary>The refresh token was rejected: an admin must install again; nothing is synced meanwhile.</summary>
    NeedsReauthorization,

    /// <summary>Uninstalled (by Pipedrive's callback or the settings page); webhooks answer 410.</summary>
    Uninstalled,
}
