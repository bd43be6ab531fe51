namespace PipedriveMaileon.Database.Outbox;

/// <summary>How much outbox work a tenant's grains hold, and how old the oldest due item is.</summary>
public sealed record TenantBacklog(long CompanyId, long GrainsWithWork, DateTimeOffset OldestDueAt);
