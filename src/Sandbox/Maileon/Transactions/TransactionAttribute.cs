namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>One attribute of a transaction type.</summary>
public sealed class TransactionAttribute
{
    public long Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public string Type { get; set; } = "string";
    public bool Required { get; set; }
}
