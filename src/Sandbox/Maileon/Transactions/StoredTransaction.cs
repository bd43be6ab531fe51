using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>A transaction (contact event) Maileon accepted and queued.</summary>
public sealed class StoredTransaction
{
    public long Id { get; set; }
    public long TypeId { get; set; }
    public string TypeName { get; set; } = string.Empty;
    public long ContactId { get; set; }
    public string? Email { get; set; }
    public string? ExternalId { get; set; }
    public string? TransactionId { get; set; }
    public JsonObject Content { get; set; } = [];
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The event carried <c>import</c> (the contact reference came from it).</summary>
    public bool Imported { get; set; }

    public int AttachmentCount { get; set; }
}
