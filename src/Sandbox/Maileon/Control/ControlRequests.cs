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

/// <summary>Which contact a control action is about: by id, or by email (with the account when several have it).</summary>
internal sealed record ContactSelector(long? AccountId, long? ContactId, string? Email, long? MailId, string? Source, List<string>? Reasons);

/// <summary>Body of <c>PUT /_sandbox/maileon/behaviour</c>: the knobs to change (others stay).</summary>
internal sealed record BehaviourPatch(
    int? WebhookTimeoutSeconds,
    int? WebhookMaxAttempts,
    List<int>? WebhookRetryDelaysSeconds,
    bool? WebhookUrlKeepsRawPlus,
    bool? RequireHttpsWebhookUrls,
    bool? SendDoiMailWhenPermissionValid);
