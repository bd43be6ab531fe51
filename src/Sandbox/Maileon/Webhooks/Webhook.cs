namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>A webhook registered in a newsletter account.</summary>
public sealed class Webhook
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public string Url { get; set; } = string.Empty;
    public string Event { get; set; } = string.Empty;
    public List<WebhookUrlParam> UrlParams { get; set; } = [];
    public List<string> StandardFields { get; set; } = [];
    public List<string> CustomFields { get; set; } = [];
    public List<string> EventFields { get; set; } = [];
}
