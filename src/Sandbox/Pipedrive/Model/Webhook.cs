namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>A webhook registered through <c>POST /v1/webhooks</c>, with its delivery health.</summary>
public sealed class Webhook
{
    public long Id { get; set; }
    public long CompanyId { get; set; }
    public long OwnerId { get; set; }
    public long UserId { get; set; }
    public string EventAction { get; set; } = "*";
    public string EventObject { get; set; } = "*";
    public string SubscriptionUrl { get; set; } = string.Empty;
    public string Version { get; set; } = "2.0";
    public string Name { get; set; } = string.Empty;
    public string Type { get; set; } = "application";
    public string? HttpAuthUser { get; set; }
    public string? HttpAuthPassword { get; set; }
    public DateTimeOffset AddTime { get; set; }
    public DateTimeOffset? LastDeliveryTime { get; set; }
    public int? LastHttpStatus { get; set; }

    /// <summary>Failed first attempts since the last ban (or creation).</summary>
    public int FailedFirstAttempts { get; set; }

    public DateTimeOffset? BannedUntil { get; set; }

    public bool IsBanned(DateTimeOffset now) => BannedUntil is { } until && until > now;
}
