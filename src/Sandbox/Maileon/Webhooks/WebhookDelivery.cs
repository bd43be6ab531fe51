namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>One attempt to call a webhook, as sent and as answered.</summary>
public sealed class WebhookDelivery
{
    public long Sequence { get; set; }
    public long WebhookId { get; set; }
    public long AccountId { get; set; }
    public string Event { get; set; } = string.Empty;
    public long? ContactId { get; set; }
    public string Url { get; set; } = string.Empty;
    public string? Body { get; set; }
    public int Attempt { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The receiver's status code; null when there was no answer (timeout, refused, reset).</summary>
    public int? Status { get; set; }

    public string? Error { get; set; }
    public double DurationMs { get; set; }
    public bool WillRetry { get; set; }
}
