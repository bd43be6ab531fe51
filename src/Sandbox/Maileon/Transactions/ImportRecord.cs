namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>
/// A transaction that carried <c>import</c>. Recorded so tests can prove the app never creates contacts this way
/// (it would bypass the double opt-in).
/// </summary>
public sealed class ImportRecord
{
    public DateTimeOffset At { get; set; }
    public string? Email { get; set; }
    public string? ExternalId { get; set; }
    public int? Permission { get; set; }
    public long? ContactId { get; set; }
    public bool ContactCreated { get; set; }
    public long TypeId { get; set; }
}
