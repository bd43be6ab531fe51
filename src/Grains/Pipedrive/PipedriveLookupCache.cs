using Microsoft.Extensions.Caching.Memory;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.Pipedrive;

/// <summary>
/// Names that change rarely but are needed for almost every contact and deal event — organisation names, users'
/// names and emails — cached per silo for a few minutes, so a subscribe costs about one Pipedrive call, not three.
/// Concurrent misses for one key share a single request.
/// </summary>
public sealed class PipedriveLookupCache(PipedriveApiClient pipedrive) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MissingLifetime = TimeSpan.FromMinutes(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    public Task<string?> OrganizationNameAsync(PipedriveConnection connection, long organizationId, CancellationToken cancellationToken) =>
        GetAsync($"org:{connection.CompanyId}:{organizationId}", async () =>
            (await pipedrive.GetOrganizationAsync(connection, organizationId, cancellationToken))?.Name);

    public Task<PipedriveUser?> UserAsync(PipedriveConnection connection, long userId, CancellationToken cancellationToken) =>
        GetAsync($"user:{connection.CompanyId}:{userId}", () => pipedrive.GetUserAsync(connection, userId, cancellationToken));

    private async Task<T?> GetAsync<T>(string key, Func<Task<T?>> load)
    {
        if (cache.TryGetValue(key, out Task<T?>? cached) && cached is not null)
        {
            return await cached;
        }

        var loading = load();
        _ = cache.Set(key, loading, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        try
        {
            var value = await loading;
            if (value is null)
            {
                _ = cache.Set(key, loading, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MissingLifetime });
            }

            return value;
        }
        catch
        {
            cache.Remove(key); // failures are not cached
            throw;
        }
    }

    public void Dispose() => cache.Dispose();
}
