namespace PipedriveMaileon.ApiClients.Resilience;

/// <summary>Per-request values the resilience pipeline reads from <see cref="HttpRequestMessage.Options"/>.</summary>
public static class ApiRequestOptions
{
    /// <summary>Selects the tenant's own pipeline, so one tenant's failing account never opens another's circuit.</summary>
    public static readonly HttpRequestOptionsKey<string> TenantKey = new("PipedriveMaileon.TenantKey");

    /// <summary>Marks a non-idempotent request (POST, PATCH) as safe to repeat after a transient failure.</summary>
    public static readonly HttpRequestOptionsKey<bool> RetrySafe = new("PipedriveMaileon.RetrySafe");

    /// <summary>The client method's name (e.g. <c>GetPerson</c>): the <c>operation</c> label of the call metrics.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("PipedriveMaileon.Operation");

    /// <summary>The key used when a request carries no tenant (e.g. the OAuth code exchange).</summary>
    public const string SharedTenantKey = "shared";

    internal static void Set(HttpRequestMessage request, string tenantKey, bool retrySafe, string operation)
    {
        request.Options.Set(TenantKey, tenantKey);
        request.Options.Set(Operation, operation);
        if (retrySafe)
        {
            request.Options.Set(RetrySafe, true);
        }
    }

    internal static string GetTenantKey(HttpRequestMessage request) =>
        request.Options.TryGetValue(TenantKey, out var key) && !string.IsNullOrEmpty(key) ? key : SharedTenantKey;

    internal static string GetOperation(HttpRequestMessage request) =>
        request.Options.TryGetValue(Operation, out var operation) && !string.IsNullOrEmpty(operation) ? operation : "other";

    internal static bool IsRetrySafe(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get
        || request.Method == HttpMethod.Head
        || request.Method == HttpMethod.Options
        || request.Method == HttpMethod.Put
        || request.Method == HttpMethod.Delete
        || (request.Options.TryGetValue(RetrySafe, out var safe) && safe);
}
