namespace PipedriveMaileon.Sandbox.Maileon;

/// <summary>The last ids handed out, so ids keep growing across resets of single collections and snapshot restores.</summary>
public sealed class MaileonCounters
{
    public long Account { get; set; } = 8000;
    public long ApiKey { get; set; }
    public long Contact { get; set; } = 15_975_219;
    public long TransactionType { get; set; } = 67;
    public long Attribute { get; set; } = 500;
    public long Transaction { get; set; }
    public long Webhook { get; set; } = 1914;
    public long Message { get; set; } = 3_100_000;
    public long Delivery { get; set; }
    public long Mailing { get; set; } = 4316;
    public long Link { get; set; } = 700;
    public long Tracking { get; set; }
}
