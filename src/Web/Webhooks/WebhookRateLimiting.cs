using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Web.Observability;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>A token bucket with a short queue per tenant (route company id) in front of webhook ingress.</summary>
public static class WebhookRateLimiting
{
    public const string PolicyName = "webhooks-per-tenant";

    public static IServiceCollection AddWebhookRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookIngressOptions>().Bind(configuration.GetSection(WebhookIngressOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                CountRejected(context.HttpContext);

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(PolicyName, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<WebhookIngressOptions>>().Value;
                var tenant = context.Request.RouteValues["companyId"]?.ToString() ?? "";
                return RateLimitPartition.GetTokenBucketLimiter(tenant, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.PerTenantBurst,
                    TokensPerPeriod = options.PerTenantPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = options.PerTenantQueue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                });
            });
        });
        return services;
    }

    /// <summary>A refused webhook never reaches its endpoint: count it here, as received and answered.</summary>
    private static void CountRejected(HttpContext context)
    {
        var source = context.Request.Path.StartsWithSegments("/webhooks/maileon") ? WebhookSource.Maileon : WebhookSource.Pipedrive;
        _ = long.TryParse(context.Request.RouteValues["companyId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var companyId);
        var metrics = context.RequestServices.GetRequiredService<WebhookMetrics>();
        metrics.Answered(source, WebhookOutcome.RateLimited, metrics.Received(source, companyId));
    }
}
