using System.ComponentModel.DataAnnotations;
using PipedriveMaileon.Grains.Interfaces.Tenants;

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

    /// <summary>
    /// How long new webhook credentials take to reach every web node (<c>App:WebhookCredentialPropagationSeconds</c>):
    /// the web's directory refresh interval (<c>Webhooks:DirectoryRefreshMilliseconds</c>, 1 s) plus one read. Setup
    /// registers a tenant's first webhooks only after this, so their first deliveries are not refused.
    /// </summary>
    [Range(0, 60)]
    public double WebhookCredentialPropagationSeconds { get; set; } = 2;

    /// <summary>
    /// How long an uninstall waits for the unsubscribes still owed to Maileon to go out before it deletes the key
    /// (<c>App:UninstallUnsubscribeSeconds</c>). Pipedrive's uninstall callback waits for the answer, so keep it short.
    /// </summary>
    [Range(0, 25)]
    public double UninstallUnsubscribeSeconds { get; set; } = 10;

    /// <summary>
    /// How long setup must still wait before registering webhooks with <paramref name="credentials"/>: new credentials
    /// reach every web node's directory within <see cref="WebhookCredentialPropagationSeconds"/>, and deliveries before
    /// that would be refused (which Pipedrive counts towards banning the webhook). Zero once, and for credentials of
    /// unknown age (made before their age was kept).
    /// </summary>
    public TimeSpan UntilWebTierKnows(TenantWebhookCredentials credentials, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var remaining = credentials.CreatedAt is { } created ? created + TimeSpan.FromSeconds(WebhookCredentialPropagationSeconds) - now : TimeSpan.Zero;
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    public Uri PipedriveWebhookUrl(long companyId) => new(PublicBaseUrl, $"/webhooks/pipedrive/{companyId}");

    public Uri MaileonWebhookUrl(long companyId, string @event, string token) =>
        new(PublicBaseUrl, $"/webhooks/maileon/{companyId}/{@event}?token={Uri.EscapeDataString(token)}");

    public string MaileonWebhookPathPrefix(long companyId) => new Uri(PublicBaseUrl, $"/webhooks/maileon/{companyId}/").ToString();
}
