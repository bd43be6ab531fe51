namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// The credentials the tenant's webhooks are registered with (secrets protected), and when they were made: the web
/// tier accepts them only once they reached its directory, a moment later.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.TenantWebhookCredentials")]
public sealed record TenantWebhookCredentials(
    [property: Id(0)] string PipedriveUser,
    [property: Id(1)] ProtectedSecret PipedrivePassword,
    [property: Id(2)] ProtectedSecret MaileonToken,
    [property: Id(3)] DateTimeOffset? CreatedAt = null);
