using PipedriveMaileon.ServiceDefaults.Health;

namespace PipedriveMaileon.Web.Webhooks;

public static class WebhookIngressServiceCollectionExtensions
{
    /// <summary>
    /// Webhook ingress: options (<c>Webhooks:*</c>), the credential directory and its refresher, admission (rate
    /// limits), the endpoints that hand events to the grains, and readiness on the directory's first load.
    /// </summary>
    public static IServiceCollection AddWebhookIngress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookIngressOptions>().Bind(configuration.GetSection(WebhookIngressOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TenantCredentialDirectory>();
        services.AddSingleton<TenantDirectoryRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantDirectoryRefresher>());
        services.AddSingleton<WebhookAdmission>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddHealthChecks().AddCheck<TenantDirectoryHealthCheck>("webhook-directory", tags: [HealthChecksSetup.ReadyTag]);
        return services;
    }
}
