using System.ComponentModel.DataAnnotations;
using PipedriveMaileon.Sandbox.Maileon.Accounts;

namespace PipedriveMaileon.Sandbox.Maileon;

/// <summary>Configuration section <c>Sandbox:Maileon</c>.</summary>
public sealed class MaileonOptions
{
    public const string Section = "Sandbox:Maileon";

    /// <summary>
    /// Newsletter accounts (with one API key each) present after start and after every reset.
    /// When none are configured, <see cref="SeedAccountOptions.Defaults"/> are used.
    /// </summary>
    public List<SeedAccountOptions> Accounts { get; set; } = [];

    /// <summary>Maileon's documented webhook request timeout.</summary>
    [Range(1, 120)]
    public int WebhookTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// How often a webhook call is tried in total. Maileon's retry behaviour is not documented, so the default is a
    /// single attempt (the app must reconcile); tests raise it to exercise retries.
    /// </summary>
    [Range(1, 20)]
    public int WebhookMaxAttempts { get; set; } = 1;

    /// <summary>Modelled waits between webhook attempts (the last value repeats); scaled by <c>Sandbox:TimeScale</c>.</summary>
    public List<int> WebhookRetryDelaysSeconds { get; set; } = [];

    /// <summary>
    /// Maileon has been seen sending emails in webhook URL parameters with a raw <c>+</c>, which receivers decode to a
    /// space. True reproduces that; false percent-encodes the <c>+</c>.
    /// </summary>
    public bool WebhookUrlKeepsRawPlus { get; set; } = true;

    /// <summary>Real Maileon calls HTTPS webhook URLs only; the sandbox allows http for local receivers unless this is set.</summary>
    public bool RequireHttpsWebhookUrls { get; set; }

    /// <summary>
    /// The account setting "send DOI mails even if a valid DOI permission exists". Off (the usual setting): a
    /// <c>doi=true</c> write to a contact with permission 4/5 sends no mail.
    /// </summary>
    public bool SendDoiMailWhenPermissionValid { get; set; }

    /// <summary>
    /// Time zone of the local timestamps Maileon writes without an offset (contact created/updated, reports,
    /// <c>updated_after</c>, transaction timestamps). The real zone is not documented; UTC keeps tests simple.
    /// </summary>
    public string TimeZone { get; set; } = "UTC";
}
