using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Resilience;
using PipedriveMaileon.ApiClients.Telemetry;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

public static class MaileonServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Maileon resource clients (<see cref="MaileonAccount"/>, <see cref="MaileonContacts"/>,
    /// <see cref="MaileonCustomFields"/>, <see cref="MaileonTransactionTypes"/>, <see cref="MaileonTransactions"/>,
    /// <see cref="MaileonWebhooks"/>, <see cref="MaileonReports"/>, <see cref="MaileonTrackingReports"/>,
    /// <see cref="MaileonMailings"/>) and their shared <see cref="MaileonTransport"/>, with options from the
    /// <c>Maileon</c> section validated at start-up.
    /// </summary>
    public static IServiceCollection AddMaileonClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MaileonOptions>()
            .Bind(configuration.GetSection(MaileonOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MaileonOptions>, MaileonOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ApiMetrics>();
        ApiEventSeverity.Register(services);

        // The resilience pipeline bounds each call; HttpClient's own timeout would only cut it short less precisely.
        // The default HttpClient loggers would write request paths, which carry e-mail addresses.
        services.AddHttpClient<MaileonTransport>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp => new ApiMetricsHandler(sp.GetRequiredService<ApiMetrics>(), "maileon"))
            .AsSingleton<MaileonTransport>()
            .AddResilienceHandler("maileon", ConfigurePipeline);
        services.TryAddSingleton<MaileonAccount>();
        services.TryAddSingleton<MaileonContacts>();
        services.TryAddSingleton<MaileonCustomFields>();
        services.TryAddSingleton<MaileonTransactionTypes>();
        services.TryAddSingleton<MaileonTransactions>();
        services.TryAddSingleton<MaileonWebhooks>();
        services.TryAddSingleton<MaileonReports>();
        services.TryAddSingleton<MaileonTrackingReports>();
        services.TryAddSingleton<MaileonMailings>();
        return services;
    }

    private static void ConfigurePipeline(Polly.ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<MaileonOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        var metrics = context.ServiceProvider.GetRequiredService<ApiMetrics>();
        ApiResiliencePipeline.Configure(
            builder,
            options.Resilience,
            response => new RetryHint(RetryHint.RetryAfter(response, time), false),
            request => metrics.Retried("maileon", ApiRequestOptions.GetOperation(request)));
    }
}
