namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// The body of <c>POST /transactions/types</c>. Attributes cannot be changed or removed later, so version the
/// name when the schema must change. Add an attribute named <c>transaction_id</c> to look events up by id.
/// </summary>
/// <param name="ArchivingDuration">Days to keep events; null keeps them forever.</param>
public sealed record MaileonTransactionTypeDefinition(
    string Name,
    IReadOnlyList<MaileonTransactionAttributeSpec> Attributes,
    string? Description = null,
    int? ArchivingDuration = null,
    bool? StoreOnly = null);
