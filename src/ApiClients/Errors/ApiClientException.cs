namespace PipedriveMaileon.ApiClients.Errors;

/// <summary>
/// Base of every failure the API clients report. Messages never contain tokens, keys or passwords:
/// server-supplied text is scrubbed of the credentials used for the call before it is stored.
/// </summary>
public abstract class ApiClientException : Exception
{
    protected ApiClientException()
    {
    }

    protected ApiClientException(string message)
        : base(message)
    {
    }

    protected ApiClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    protected ApiClientException(
        string message,
        string operation,
        ApiFailureKind kind,
        int? statusCode,
        string? serverMessage,
        TimeSpan? retryAfter,
        Exception? innerException)
        : base(message, innerException)
    {
        Operation = operation;
        Kind = kind;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>The client operation that failed, e.g. <c>GetPerson</c>.</summary>
    public string Operation { get; } = "";

    public ApiFailureKind Kind { get; } = ApiFailureKind.Transient;

    /// <summary>The HTTP status, or null when no response arrived (timeout, network error, open circuit).</summary>
    public int? StatusCode { get; }

    /// <summary>The error text the server sent, scrubbed of credentials and shortened.</summary>
    public string? ServerMessage { get; }

    /// <summary>How long the server (or the open circuit) asked us to wait, when known.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the same call may succeed later without any change by the caller.</summary>
    public bool IsTransient => Kind is ApiFailureKind.Transient or ApiFailureKind.RateLimited;
}
