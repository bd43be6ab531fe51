namespace PipedriveMaileon.Database.Tenants;

public sealed record TenantSummary(long CompanyId, string CompanyName, string Status, DateTimeOffset InstalledAt, DateTimeOffset UpdatedAt);
