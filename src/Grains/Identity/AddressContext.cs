namespace PipedriveMaileon.Grains.Identity;

/// <summary>Whose address a decision is about, and when it is made (the outbox's clock).</summary>
public sealed record AddressContext(long CompanyId, string Address, DateTimeOffset Now);
