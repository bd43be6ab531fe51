using Microsoft.Extensions.Caching.Memory;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Grains.Pipedrive;

/// <summary>
/// Names that change rarely but are needed for almost every contact and deal event — organisation names, users'
/// names and emails — cached per silo for a few minutes, so a subscribe costs about one Pipedrive call, not three.
/// Concurrent misses for one key share a single request; a shared request refused with 401 is not an answer for
/// callers that may hold a newer token.
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
            try
            {
                return await cached;
            }
            catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.Unauthorized)
            {
                // That request may have carried a token that was refreshed since: a caller retrying with the fresh
                // token must not inherit its 401 (and park the contact as "credentials refused"). Load with ours.
            }
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
