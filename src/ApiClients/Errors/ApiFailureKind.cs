namespace PipedriveMaileon.ApiClients.Errors;

/// <summary>What a failed call means for the caller: retry later, refresh credentials, or give up.</summary>
public enum ApiFailureKind
{
    /// <summary>5xx, 408, timeouts, network errors, an open circuit: the same call may succeed later.</summary>
    Transient,

    /// <summary>429: the caller must wait (see <see cref="ApiClientException.RetryAfter"/>).</summary>
    RateLimited,

    /// <summary>401: the token or API key is invalid, expired or revoked (Pipedrive: refresh once, then retry).</summary>
    Unauthorized,

    /// <summary>403: the credentials lack a privilege or scope for this call.</summary>
    Forbidden,

    /// <summary>404 or 410 where the operation does not turn "not found" into a result.</summary>
    NotFound,

    /// <summary>409.</summary>
    Conflict,

    /// <summary>400, 422 and other 4xx: the request itself was refused; repeating it will not help.</summary>
    Rejected,

    /// <summary>OAuth: the refresh token or authorization code is no longer valid; the installation needs re-authorisation.</summary>
    InvalidGrant,
}
