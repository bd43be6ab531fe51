namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>One URL parameter of a webhook: its value is a standard field, a custom field or a constant.</summary>
public sealed class WebhookUrlParam
{
    public string Name { get; set; } = string.Empty;
    public string? StandardContactField { get; set; }
    public string? CustomContactField { get; set; }
    public string? CustomValue { get; set; }
}
