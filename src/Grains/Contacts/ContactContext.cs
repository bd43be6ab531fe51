namespace PipedriveMaileon.Grains.Contacts;

/// <summary>Whom a contact decision is about, and when it is made (the outbox's clock).</summary>
public sealed record ContactContext(long CompanyId, long PersonId, DateTimeOffset Now);
