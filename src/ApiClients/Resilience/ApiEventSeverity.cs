using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace PipedriveMaileon.ApiClients.Resilience;

/// <summary>
/// How loud Polly's own log lines about our calls are. By default every handled attempt is a warning and a handled
/// last attempt an error, so a rate limit that the retry waits out (or hands back to the outbox, which waits it out)
/// wrote thousands of "fail" lines an operator would chase. Here:
/// <list type="bullet">
/// <item>an attempt that will be retried, and the retry itself, are Debug (<c>pm_api_retries_total</c> counts them);</item>
/// <item>a last attempt refused with 429 is Information: the caller gets the wait and schedules the work again;</item>
/// <item>a last attempt that failed otherwise (server error, timeout, connection) keeps Polly's Error, as do the
/// circuit opening and everything else.</item>
/// </list>
/// </summary>
internal static class ApiEventSeverity
{
    private const string ExecutionAttempt = "ExecutionAttempt";
    private const string OnRetry = "OnRetry";

    /// <summary>Set by the retry's handling predicate on every attempt it judged: whether that attempt was refused with 429.</summary>
    internal static readonly ResiliencePropertyKey<bool> RateLimited = new("pm.rate-limited");

    public static void Register(IServiceCollection services) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<TelemetryOptions>, ConfigureSeverity>());

    public static ResilienceEventSeverity Of(SeverityProviderArguments args) => args.Event switch
    {
        { EventName: OnRetry } => ResilienceEventSeverity.Debug,
        { EventName: ExecutionAttempt, Severity: ResilienceEventSeverity.Warning } => ResilienceEventSeverity.Debug,
        { EventName: ExecutionAttempt, Severity: ResilienceEventSeverity.Error } when args.Context.Properties.GetValue(RateLimited, false) =>
            ResilienceEventSeverity.Information,
        _ => args.Event.Severity,
    };

    private sealed class ConfigureSeverity : IConfigureOptions<TelemetryOptions>
    {
        public void Configure(TelemetryOptions options) => options.SeverityProvider = Of;
    }
}
