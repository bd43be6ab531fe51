namespace PipedriveMaileon.Sandbox.Maileon.Control;

/// <summary>Body of <c>POST /_sandbox/maileon/accounts</c>.</summary>
internal sealed record CreateAccountRequest(
    string? Name,
    long? Id,
    long? CustomerAccountId,
    string? CustomerAccountName,
    List<string>? DoiMailingKeys,
    string? ApiKey);

/// <summary>Body of <c>PUT /_sandbox/maileon/accounts/{id}</c>.</summary>
internal sealed record UpdateAccountRequest(bool? Blocked, List<string>? DoiMailingKeys, string? Name);

/// <summary>Body of <c>POST /_sandbox/maileon/accounts/{id}/keys</c> and <c>PUT /_sandbox/maileon/keys/{id}</c>.</summary>
internal sealed record KeyRequest(string? Key, List<string>? Methods, DateTimeOffset? ExpiresAt, bool? ClearExpiry, bool? Deactivated, string? Label);

/// <summary>
/// Which contact a control action is about: by id, or by email (with the account when several have it); an unsubscribe
/// may name the sent mailing whose link was followed.
/// </summary>
internal sealed record ContactSelector(long? AccountId, long? ContactId, string? Email, long? MailId, string? Source, List<string>? Reasons, long? MailingId = null);

/// <summary>Body of <c>PUT /_sandbox/maileon/behaviour</c>: the knobs to change (others stay).</summary>
internal sealed record BehaviourPatch(
    int? WebhookTimeoutSeconds,
    int? WebhookMaxAttempts,
    List<int>? WebhookRetryDelaysSeconds,
    bool? WebhookUrlKeepsRawPlus,
    bool? RequireHttpsWebhookUrls,
    bool? SendDoiMailWhenPermissionValid);

/// <summary>Body of <c>POST /_sandbox/maileon/mailings</c>.</summary>
internal sealed record CreateMailingRequest(long? AccountId, string? Name, string? Subject, string? Type);

/// <summary>Body of <c>POST /_sandbox/maileon/mailings/{id}/send</c>.</summary>
internal sealed record SendMailingRequest(List<int>? Permissions, List<string>? Emails, List<string>? Links);

/// <summary>Body of <c>POST /_sandbox/maileon/mailings/{id}/tracking</c>: what each recipient did.</summary>
internal sealed record TrackMailingRequest(List<Mailings.TrackingRequest>? Events);
