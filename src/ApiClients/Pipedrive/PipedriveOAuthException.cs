using PipedriveMaileon.ApiClients.Errors;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// A failed call to Pipedrive's OAuth server. <see cref="ApiFailureKind.InvalidGrant"/> means the installation is
/// dead (refresh token expired, revoked or already used; code expired) and needs re-authorisation;
/// <see cref="ApiFailureKind.Unauthorized"/> means our own client credentials were refused (a configuration
/// problem, never a reason to drop an installation).
/// </summary>
public sealed class PipedriveOAuthException : ApiClientException
{
    public PipedriveOAuthException()
    {
    }

    public PipedriveOAuthException(string message)
        : base(message)
    {
    }

    public PipedriveOAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PipedriveOAuthException(
        string operation,
        ApiFailureKind kind,
        int? statusCode,
        string? errorCode,
        string? serverMessage,
        TimeSpan? retryAfter,
        Exception? innerException = null)
        : base(Describe(operation, kind, statusCode, serverMessage), operation, kind, statusCode, serverMessage, retryAfter, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The OAuth <c>error</c> value (e.g. <c>invalid_grant</c>) when the body had one.</summary>
    public string? ErrorCode { get; }

    /// <summary>True when the user must install the app again; the stored tokens are useless.</summary>
    public bool RequiresReauthorization => Kind == ApiFailureKind.InvalidGrant;

    private static string Describe(string operation, ApiFailureKind kind, int? statusCode, string? serverMessage)
    {
        var status = statusCode is { } code ? $"HTTP {code}" : "no response";
        return serverMessage is null
            ? $"Pipedrive OAuth {operation} failed ({kind}, {status})."
            : $"Pipedrive OAuth {operation} failed ({kind}, {status}): {serverMessage}";
    }
}
