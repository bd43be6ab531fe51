namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>A transaction (contact event) type as Maileon stores it.</summary>
public sealed record MaileonTransactionType(long Id, string Name, IReadOnlyList<MaileonTransactionAttributeSpec> Attributes);
