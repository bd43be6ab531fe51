namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// One per Pipedrive company (key: company id): the tenant's periodic self-check. A reminder runs the setup again
/// every <c>App:SelfHealingMinutes</c>, which re-creates webhooks and fields that disappeared and refreshes the
/// health the settings page shows.
/// </summary>
public interface ITenantHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Schedules the self-check (idempotent).</summary>
    Task Start();

    /// <summary>Stops it (on uninstall).</summary>
    Task Stop();
}
