using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace PipedriveMaileon.ApiClients.Wire;

/// <summary>
/// Makes a typed client one object per process instead of one per resolution. A typed client is transient by
/// default, so every grain activation that takes one (a tenant's grains) held its own <see cref="HttpClient"/> for as
/// long as it lived. Sharing it is safe: the clients hold no per-caller state (credentials travel per call), and the
/// factory's primary handler recycles pooled connections on its own (<c>PooledConnectionLifetime</c> follows the
/// handler lifetime since .NET 9), so a long-lived client still sees DNS changes.
/// </summary>
internal static class SharedTypedClient
{
    public static IHttpClientBuilder AsSingleton<TClient>(this IHttpClientBuilder builder)
        where TClient : class
    {
        var name = builder.Name;
        builder.Services.Replace(ServiceDescriptor.Singleton(services =>
            services.GetRequiredService<ITypedHttpClientFactory<TClient>>().CreateClient(services.GetRequiredService<IHttpClientFactory>().CreateClient(name))));
        return builder;
    }
}
