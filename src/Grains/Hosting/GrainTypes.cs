namespace PipedriveMaileon.Grains.Hosting;

/// <summary>
/// Grain type names. A grain's stored state is keyed by its type name and state name, so these never change; an
/// outbox grain's state name is its type name (<see cref="Outbox.OutboxAttribute"/>), which is also how the outbox
/// sweeper finds the grain again.
/// </summary>
public static class GrainTypes
{
    public const string Tenant = "tenant";
    public const string TenantSetup = "tenantsetup";
    public const string TenantHealth = "tenanthealth";
    public const string Installation = "installation";
    public const string SettingsAccess = "settings-access";
    public const string Contact = "contact";
    public const string Address = "address";
    public const string FirstSync = "firstsync";
    public const string Deal = "deal";
    public const string DealTransactionTypes = "dealtypes";
    public const string DealEventBatch = "dealbatch";
    public const string Reconciliation = "reconciliation";
    public const string OutboxSweeper = "outboxsweeper";
    public const string Engagement = "engagement";
    public const string PersonEngagement = "person-engagement";
}
