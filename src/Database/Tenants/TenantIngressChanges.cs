namespace PipedriveMaileon.Database.Tenants;

/// <summary>
/// What one read of <c>tenant_ingress</c> returned: the rows changed since the horizon it was asked for (possibly a
/// few already seen before: applying them again changes nothing), and the horizon to ask for next time.
/// </summary>
public sealed record TenantIngressChanges(IReadOnlyList<TenantIngressEntry> Entries, ulong NextHorizon);
