namespace PipedriveMaileon.Sandbox.Pipedrive.Webhooks;

/// <summary>One webhook delivery attempt (or an event dropped because the webhook was banned), with its payload.</summary>
public sealed class DeliveryRecord
{
    public long Sequence { get; set; }
    public long WebhookId { get; set; }
    public long CompanyId { get; set; }
    public string EventId { get; set; } = string.Empty;
    public string Event { get; set; } = string.Empty;
    public long EntityId { get; set; }
    public string Url { get; set; } = string.Empty;
    public int Attempt { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The receiver's status; null without an answer (timeout, refused) or when dropped.</summary>
    public int? Status { get; set; }

    public string? Error { get; set; }
    public double DurationMs { get; set; }
    public bool WillRetry { get; set; }
    public bool Duplicate { get; set; }
    public bool Dropped { get; set; }
    public string Body { get; set; } = string.Empty;
}
