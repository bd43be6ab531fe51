namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>The credentials the tenant's webhooks are registered with (secrets protected).</summary>
[GenerateSerializer, Immutable, Alias("pm.TenantWebhookCredentials")]
public sealed record TenantWebhookCredentials(
    [property: Id(0)] string PipedriveUser,
    [property: Id(1)] ProtectedSecret PipedrivePassword,
    [property: Id(2)] ProtectedSecret MaileonToken);
