using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Configuration the tenant grains need: where webhooks must point (section <c>App</c>) and how often to self-check.</summary>
public sealed class TenantSetupOptions
{
    public const string Section = "App";

    /// <summary>The URL Pipedrive and Maileon reach the web front end at (<c>App:PublicBaseUrl</c>).</summary>
    [Required(ErrorMessage = "App:PublicBaseUrl is required on silos: webhooks are registered with it.")]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5000");

    /// <summary>How often each tenant checks its webhooks and Maileon key and repairs what it can (<c>App:SelfHealingMinutes</c>).</summary>
    [Range(1, 24 * 60)]
    public int SelfHealingMinutes { get; set; } = 15;

    public Uri PipedriveWebhookUrl(long companyId) => new(PublicBaseUrl, $"/webhooks/pipedrive/{companyId}");

    public Uri MaileonWebhookUrl(long companyId, string @event, string token) =>
        new(PublicBaseUrl, $"/webhooks/maileon/{companyId}/{@event}?token={Uri.EscapeDataString(token)}");

    public string MaileonWebhookPathPrefix(long companyId) => new Uri(PublicBaseUrl, $"/webhooks/maileon/{companyId}/").ToString();
}
