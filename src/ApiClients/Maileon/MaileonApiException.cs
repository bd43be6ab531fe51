using PipedriveMaileon.ApiClients.Errors;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>A failed Maileon call. Switch on <see cref="ApiClientException.Kind"/>.</summary>
public sealed class MaileonApiException : ApiClientException
{
    public MaileonApiException()
    {
    }

    public MaileonApiException(string message)
        : base(message)
    {
    }

    public MaileonApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal MaileonApiException(
        string operation,
        ApiFailureKind kind,
        int? statusCode,
        string? serverMessage,
        TimeSpan? retryAfter,
        Exception? innerException = null)
        : base(Describe(operation, kind, statusCode, serverMessage), operation, kind, statusCode, serverMessage, retryAfter, innerException)
    {
    }

    private static string Describe(string operation, ApiFailureKind kind, int? statusCode, string? serverMessage)
    {
        var status = statusCode is { } code ? $"HTTP {code}" : "no response";
        return serverMessage is null
            ? $"Maileon {operation} failed ({kind}, {status})."
            : $"Maileon {operation} failed ({kind}, {status}): {serverMessage}";
    }
}
