using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Resilience;
using PipedriveMaileon.ApiClients.Telemetry;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

public static class PipedriveServiceCollectionExtensions
{
    private const string Api = "pipedrive";
    private const string OAuthApi = "pipedrive_oauth";

    /// <summary>
    /// Registers <see cref="PipedriveOAuthClient"/>, <see cref="PipedriveApiClient"/>,
    /// <see cref="PipedriveRateLimitTracker"/> and <see cref="PipedriveBurstGate"/>, with options from the <c>Pipedrive</c> section validated at start-up.
    /// </summary>
    public static IServiceCollection AddPipedriveClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PipedriveOptions>()
            .Bind(configuration.GetSection(PipedriveOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PipedriveOptions>, PipedriveOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PipedriveRateLimitTracker>();
        services.TryAddSingleton<PipedriveBurstGate>();
        services.AddMetrics();
        services.TryAddSingleton<ApiMetrics>();
        ApiEventSeverity.Register(services);

        // The default HttpClient loggers would write request paths, which carry e-mail addresses; failures reach
        // the callers as exceptions and are logged there with context.
        services.AddHttpClient<PipedriveOAuthClient>(ConfigureHttpClient)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ApiMetricsHandler(sp.GetRequiredService<ApiMetrics>(), OAuthApi))
            .AsSingleton<PipedriveOAuthClient>()
            .AddResilienceHandler("pipedrive-oauth", (builder, context) => ConfigurePipeline(builder, context, OAuthApi));

        var api = services.AddHttpClient<PipedriveApiClient>(ConfigureHttpClient)
            .AsSingleton<PipedriveApiClient>()
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ApiMetricsHandler(sp.GetRequiredService<ApiMetrics>(), Api));
        api.AddResilienceHandler("pipedrive-api", (builder, context) => ConfigurePipeline(builder, context, Api));
        // Innermost, so every attempt the retry makes waits while Pipedrive has asked the tenant to wait.
        api.AddHttpMessageHandler(sp => new PipedriveBurstGateHandler(sp.GetRequiredService<PipedriveBurstGate>(), sp.GetRequiredService<TimeProvider>()));

        return services;
    }

    // The resilience pipeline bounds each call; HttpClient's own timeout would only cut it short with a less
    // precise error.
    private static void ConfigureHttpClient(HttpClient client) => client.Timeout = Timeout.InfiniteTimeSpan;

    private static void ConfigurePipeline(
        Polly.ResiliencePipelineBuilder<HttpResponseMessage> builder,
        ResilienceHandlerContext context,
        string api)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<PipedriveOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var metrics = context.ServiceProvider.GetRequiredService<ApiMetrics>();
        ApiResiliencePipeline.Configure(
            builder,
            options.Resilience,
            response => PipedriveRetryHints.Read(response, time),
            request => metrics.Retried(api, ApiRequestOptions.GetOperation(request)));
    }
}
