namespace PipedriveMaileon.Sandbox.Pipedrive.Control;

/// <summary>Body of <c>POST /_sandbox/pipedrive/companies</c>.</summary>
internal sealed record CreateCompanyRequest(string? Name, long? Id, string? AdminName, string? AdminEmail, long? AdminId);

/// <summary>Body of <c>POST /_sandbox/pipedrive/companies/{id}/users</c>.</summary>
internal sealed record CreateUserRequest(string? Name, string? Email, bool? IsAdmin, long? Id);

/// <summary>Body of <c>PATCH /_sandbox/pipedrive/users/{id}</c>: an admin promotes or demotes the user.</summary>
internal sealed record UpdateUserRequest(bool? IsAdmin);

/// <summary>Body of <c>POST /_sandbox/pipedrive/companies/{id}/organizations</c>.</summary>
internal sealed record CreateOrganizationRequest(string? Name, long? OwnerId);

/// <summary>Body of <c>POST /_sandbox/pipedrive/persons/{id}/custom-field</c>: a field by name (or key) and an option label or raw value.</summary>
internal sealed record SetCustomFieldRequest(string? Field, string? Option, System.Text.Json.Nodes.JsonNode? Value, long? UserId);

/// <summary>Body of <c>POST /_sandbox/pipedrive/persons/merge</c>: <c>fromId</c> is merged into <c>toId</c>.</summary>
internal sealed record MergeRequest(long FromId, long ToId, long? UserId);

/// <summary>Body of <c>POST /_sandbox/pipedrive/oauth/approve</c>.</summary>
internal sealed record ApproveRequest(long CompanyId, long? UserId, string? State, string? RedirectUri, bool? Deny);

/// <summary>Body of <c>POST /_sandbox/pipedrive/companies/{id}/uninstall</c>.</summary>
internal sealed record UninstallRequest(long? UserId, bool? CallApp);

/// <summary>Body of <c>POST /_sandbox/pipedrive/rate-limit</c>: 429 for the next <c>Calls</c> calls and/or <c>Seconds</c>.</summary>
internal sealed record RateLimitRequest(long? CompanyId, int? Calls, double? Seconds, int? RetryAfterSeconds, bool? DailyBudget);

/// <summary>Body of <c>PUT /_sandbox/pipedrive/delivery</c>: the knobs to change (others stay).</summary>
internal sealed record DeliveryPatch(bool? Duplicate, bool? Shuffle, int? ShuffleWindowMs, int? DelayMs, bool? Paused);

/// <summary>A custom person field an admin adds in Pipedrive's UI (options for enum/set).</summary>
internal sealed record CreateFieldRequest(string? Name, string? FieldType, List<string>? Options);
