using PipedriveMaileon.ApiClients.Errors;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>A failed Pipedrive API call. Switch on <see cref="ApiClientException.Kind"/>.</summary>
public sealed class PipedriveApiException : ApiClientException
{
    public PipedriveApiException()
    {
    }

    public PipedriveApiException(string message)
        : base(message)
    {
    }

    public PipedriveApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PipedriveApiException(
        string operation,
        ApiFailureKind kind,
        int? statusCode,
        string? serverMessage,
        TimeSpan? retryAfter,
        PipedriveRateLimit? rateLimit,
        Exception? innerException = null)
        : base(Describe(operation, kind, statusCode, serverMessage), operation, kind, statusCode, serverMessage, retryAfter, innerException)
    {
        RateLimit = rateLimit;
    }

    /// <summary>The rate-limit headers of the failed response, when there was one.</summary>
    public PipedriveRateLimit? RateLimit { get; }

    /// <summary>
    /// A 429 because the company's daily token budget is used up: nothing succeeds until the budget resets
    /// (midnight, server time), so stop work for the tenant instead of retrying.
    /// </summary>
    public bool DailyBudgetExhausted => Kind == ApiFailureKind.RateLimited && RateLimit?.DailyBudgetExhausted == true;

    private static string Describe(string operation, ApiFailureKind kind, int? statusCode, string? serverMessage)
    {
        var status = statusCode is { } code ? $"HTTP {code}" : "no response";
        return serverMessage is null
            ? $"Pipedrive {operation} failed ({kind}, {status})."
            : $"Pipedrive {operation} failed ({kind}, {status}): {serverMessage}";
    }
}
