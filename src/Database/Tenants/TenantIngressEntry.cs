namespace PipedriveMaileon.Database.Tenants;

/// <summary>
/// One company's row of <c>tenant_ingress</c>: whether it is installed and the SHA-256 hashes its webhooks'
/// credentials are checked against (Pipedrive Basic <c>user:password</c>, Maileon URL token). An uninstalled company
/// keeps the hashes it last had, so a sender that still holds them is told 410 (stop) and anyone else 401.
/// </summary>
public sealed record TenantIngressEntry(long CompanyId, bool Installed, byte[]? PipedriveCredentialHash, byte[]? MaileonTokenHash);
