namespace PipedriveMaileon.Grains.Contacts;

/// <summary>Whom a contact decision is about, and when it is made (the outbox's clock).</summary>
/// <param name="EraseDeletedInMaileon">The tenant's setting for a person deleted in Pipedrive (read where a delete can arrive).</param>
public sealed record ContactContext(long CompanyId, long PersonId, DateTimeOffset Now, bool EraseDeletedInMaileon = false);
