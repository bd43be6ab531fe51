using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Sandbox.Pipedrive;

/// <summary>
/// Configuration section <c>Sandbox:Pipedrive</c>: the one registered Marketplace app and the emulator's knobs.
/// Modelled waits (code expiry, webhook retries, bans) are scaled by <c>Sandbox:TimeScale</c>; token lifetimes are not,
/// so a running app is not forced into constant refreshes.
/// </summary>
public sealed class PipedriveEmulatorOptions
{
    public const string Section = "Sandbox:Pipedrive";

    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = string.Empty;

    [Required(AllowEmptyStrings = false)]
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The app's registered callback URL (OAuth redirect and target of the uninstall <c>DELETE</c>).</summary>
    [Required]
    public Uri? RedirectUri { get; set; }

    /// <summary>The app's base URL for the console's install link; derived from <see cref="RedirectUri"/> when unset.</summary>
    public Uri? AppUrl { get; set; }

    /// <summary>
    /// The app's "Custom UI for app settings" URL as registered in Developer Hub: the console's Apps → Maileon →
    /// Settings embeds it; derived from <see cref="AppUrl"/> (or <see cref="RedirectUri"/>) plus <c>/pipedrive-app</c>
    /// when unset. Put it on another site than the console (e.g. 127.0.0.1 vs localhost) to see third-party rules apply.
    /// </summary>
    public Uri? SettingsUrl { get; set; }

    /// <summary>
    /// The app's custom panel "Iframe URL" for the person detail view as registered in Developer Hub: the console's
    /// person page embeds it; derived from <see cref="AppUrl"/> (or <see cref="RedirectUri"/>) plus
    /// <c>/pipedrive-panel</c> when unset.
    /// </summary>
    public Uri? PanelUrl { get; set; }

    /// <summary>The custom UI extension's JWT secret; unset = the client secret, as Pipedrive does.</summary>
    public string? ExtensionJwtSecret { get; set; }

    /// <summary>Lifetime of the signed iframe token (Pipedrive: 5 minutes); not scaled.</summary>
    [Range(1, 3600)]
    public int ExtensionTokenLifetimeSeconds { get; set; } = 300;

    public Uri ExtensionUrl => SettingsUrl ?? new Uri(AppUrl ?? RedirectUri!, "/pipedrive-app");

    public Uri PanelExtensionUrl => PanelUrl ?? new Uri(AppUrl ?? RedirectUri!, "/pipedrive-panel");

    public string ExtensionSecret => string.IsNullOrEmpty(ExtensionJwtSecret) ? ClientSecret : ExtensionJwtSecret;

    /// <summary>Comma-separated scopes granted to every token.</summary>
    public string Scopes { get; set; } = "base,admin,webhooks:full,contacts:full,deals:read,contact-fields:full,users:read,activities:full";

    [Range(1, 86_400)]
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Modelled lifetime of an authorization code (Pipedrive: 5 minutes), scaled by the time scale.</summary>
    [Range(1, 3600)]
    public int AuthorizationCodeLifetimeSeconds { get; set; } = 300;

    /// <summary>Whether a revoke of the refresh token through <c>/oauth/revoke</c> also sends the uninstall callback.</summary>
    public bool CallbackOnRevoke { get; set; }

    [Range(1, 1000)]
    public int WebhooksPerUser { get; set; } = 40;

    /// <summary>Request timeout of a webhook delivery (Pipedrive: 10 s); not scaled.</summary>
    [Range(1, 120)]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>Failed first attempts after which a webhook is banned for <see cref="WebhookBanMinutes"/>.</summary>
    [Range(1, 1000)]
    public int WebhookBanThreshold { get; set; } = 10;

    [Range(1, 1440)]
    public int WebhookBanMinutes { get; set; } = 30;

    /// <summary>Requests per access token in a rolling 2 s window (OAuth app, Lite plan: 80).</summary>
    [Range(1, 100_000)]
    public int BurstLimit { get; set; } = 80;

    /// <summary>Daily token budget per company (30,000 x plan multiplier x seats).</summary>
    [Range(1, 1_000_000_000)]
    public long DailyTokenBudget { get; set; } = 300_000;

    /// <summary>Whether the (undocumented, sometimes missing) <c>x-daily-ratelimit-token-*</c> headers are sent.</summary>
    public bool SendDailyBudgetHeaders { get; set; } = true;
}
