namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>A transaction (contact event) type: a named schema of typed attributes.</summary>
public sealed class TransactionType
{
    public long Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public int? ArchivingDuration { get; set; }
    public bool StoreOnly { get; set; }
    public DateTimeOffset Created { get; set; }
    public List<TransactionAttribute> Attributes { get; set; } = [];
}
