namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// What webhook ingress needs to accept or refuse a request for a tenant, without any secret: the SHA-256 of the
/// Pipedrive webhook Basic credentials (<c>user:password</c>) and of the Maileon URL token, compared in constant time.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.TenantIngressPolicy")]
public sealed record TenantIngressPolicy(
    [property: Id(0)] TenantStatus Status,
    [property: Id(1)] byte[]? PipedriveCredentialHash,
    [property: Id(2)] byte[]? MaileonTokenHash,
    [property: Id(3)] int ConfigVersion);
