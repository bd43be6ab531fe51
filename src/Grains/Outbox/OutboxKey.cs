namespace PipedriveMaileon.Grains.Outbox;

/// <summary>Whose outbox it is: the tenant, and the person or deal (the company again for tenant-wide grains).</summary>
public readonly record struct OutboxKey(long CompanyId, long EntityId);
