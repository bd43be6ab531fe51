using PipedriveMaileon.ApiClients.Errors;

namespace PipedriveMaileon.Grains.Outbox;

/// <summary>The outbox verdict on a failed API call.</summary>
public static class ApiFailureOutcome
{
    /// <summary>
    /// Transient and rate-limited failures are retried (honouring Retry-After); a refused Maileon key or a lost
    /// Pipedrive grant waits for the admin (never parks); anything else is refused for good and parked.
    /// </summary>
    public static EffectOutcome Of(string what, ApiClientException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            ApiFailureKind.Transient => EffectOutcome.Retry($"{what}: {Describe(failure)}", failure.RetryAfter),
            ApiFailureKind.RateLimited => EffectOutcome.Throttle($"{what}: rate limited", failure.RetryAfter),
            ApiFailureKind.Unauthorized or ApiFailureKind.InvalidGrant or ApiFailureKind.Forbidden =>
                EffectOutcome.WaitForCredentials($"{what}: credentials refused ({Describe(failure)}); waiting for the admin"),
            _ => EffectOutcome.Fail($"{what}: {Describe(failure)}"),
        };
    }

    public static string Describe(ApiClientException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.StatusCode is { } status
            ? $"HTTP {status}{(failure.ServerMessage is { Length: > 0 } message ? " " + message : "")}"
            : failure.Kind.ToString().ToLowerInvariant();
    }
}
