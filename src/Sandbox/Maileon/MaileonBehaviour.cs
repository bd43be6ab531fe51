namespace PipedriveMaileon.Sandbox.Maileon;

/// <summary>
/// The behaviour knobs in force, taken from <see cref="MaileonOptions"/> at start and on every reset, changeable at
/// run time through <c>PUT /_sandbox/maileon/behaviour</c> (so one test host can exercise several behaviours).
/// </summary>
public sealed record MaileonBehaviour
{
    public int WebhookTimeoutSeconds { get; init; } = 5;
    public int WebhookMaxAttempts { get; init; } = 1;
    public IReadOnlyList<int> WebhookRetryDelaysSeconds { get; init; } = [];
    public bool WebhookUrlKeepsRawPlus { get; init; } = true;
    public bool RequireHttpsWebhookUrls { get; init; }
    public bool SendDoiMailWhenPermissionValid { get; init; }

    public static MaileonBehaviour From(MaileonOptions options) => new()
    {
        WebhookTimeoutSeconds = options.WebhookTimeoutSeconds,
        WebhookMaxAttempts = options.WebhookMaxAttempts,
        WebhookRetryDelaysSeconds = [.. options.WebhookRetryDelaysSeconds],
        WebhookUrlKeepsRawPlus = options.WebhookUrlKeepsRawPlus,
        RequireHttpsWebhookUrls = options.RequireHttpsWebhookUrls,
        SendDoiMailWhenPermissionValid = options.SendDoiMailWhenPermissionValid,
    };

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Validate() =>
        WebhookTimeoutSeconds is < 1 or > 120 ? "webhookTimeoutSeconds must be 1..120"
        : WebhookMaxAttempts is < 1 or > 20 ? "webhookMaxAttempts must be 1..20"
        : WebhookRetryDelaysSeconds.Any(d => d < 0) ? "webhookRetryDelaysSeconds must not be negative"
        : null;
}
