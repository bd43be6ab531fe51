using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;

namespace PipedriveMaileon.Silo.GrainLocations;

public static class GrainLocationCacheServices
{
    /// <summary>
    /// Orleans' grain directory caches up to <paramref name="capacity"/> grain locations in a
    /// <see cref="GrainLocationCache"/>; none when it is 0 (Orleans then asks the directory every time).
    /// </summary>
    public static IServiceCollection AddGrainLocationCache(this IServiceCollection services, int capacity)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!GrainLocationCache.Allows(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"The grain location cache holds {GrainLocationCache.CapacityRule}.");
        }

        services.Configure<GrainDirectoryOptions>(o =>
        {
            o.CacheSize = capacity;
            o.CachingStrategy = capacity == 0 ? GrainDirectoryOptions.CachingStrategyType.None : GrainDirectoryOptions.CachingStrategyType.Custom;
        });
        if (capacity > 0)
        {
            services.AddSingleton<IGrainDirectoryCache>(provider => new GrainLocationCache(
                capacity, provider.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.MaximumCacheTTL, provider.GetService<IMeterFactory>()));
        }

        return services;
    }
}
