using PipedriveMaileon.ApiClients.Errors;

namespace PipedriveMaileon.ApiClients.Wire;

internal static class HttpStatusRules
{
    /// <summary>Statuses worth repeating unchanged. 501 and 505 are answers about our request, not load.</summary>
    public static bool IsTransient(int status) =>
        status is 408 or 429 || (status >= 500 && status <= 599 && status is not 501 and not 505);

    public static ApiFailureKind Classify(int status) => status switch
    {
        401 => ApiFailureKind.Unauthorized,
        403 => ApiFailureKind.Forbidden,
        404 or 410 => ApiFailureKind.NotFound,
        409 => ApiFailureKind.Conflict,
        429 => ApiFailureKind.RateLimited,
        _ when IsTransient(status) => ApiFailureKind.Transient,
        _ => ApiFailureKind.Rejected,
    };
}
