using System.Collections.Concurrent;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// The silo's copy of each tenant's <see cref="TenantConnection"/>, shared by all person and deal grains of the
/// tenant on this silo. A grain activation used to fetch (and keep) its own copy: one tenant-grain call per new
/// activation on the ingest path and one deserialized connection per idle grain in memory. Entries live
/// <see cref="Lifetime"/> (a settings change reaches the grains within it, as before), are fetched again when the
/// access token is about to expire, and only connections that can sync are cached: a tenant still being set up
/// is asked again every time, so its first webhooks after setup are not ignored on the strength of an old copy.
/// </summary>
public sealed class TenantConnectionCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<long, Entry> entries = new();

    public async Task<TenantConnection> GetAsync(long companyId)
    {
        if (entries.TryGetValue(companyId, out var entry) && IsFresh(entry, time.GetUtcNow()))
        {
            return entry.Connection;
        }

        var connection = await grains.GetGrain<ITenantGrain>(companyId).GetConnection();
        Store(connection);
        return connection;
    }

    /// <summary>Keeps a connection the tenant grain handed out (e.g. after refreshing the access token).</summary>
    public void Store(TenantConnection connection)
    {
        if (connection.CanSyncContacts)
        {
            entries[connection.CompanyId] = new Entry(connection, time.GetUtcNow());
        }
        else
        {
            entries.TryRemove(connection.CompanyId, out _);
        }
    }

    /// <summary>Forgets <paramref name="connection"/> if it is still the cached one (a caller found it refused or incomplete).</summary>
    public void Invalidate(TenantConnection connection)
    {
        if (entries.TryGetValue(connection.CompanyId, out var entry) && ReferenceEquals(entry.Connection, connection))
        {
            entries.TryRemove(new KeyValuePair<long, Entry>(connection.CompanyId, entry));
        }
    }

    private bool IsFresh(Entry entry, DateTimeOffset now) =>
        now - entry.FetchedAt <= Lifetime && !(entry.Connection.AccessTokenExpiresAt < now + RefreshAhead);

    private sealed class Entry(TenantConnection connection, DateTimeOffset fetchedAt)
    {
        public TenantConnection Connection { get; } = connection;

        public DateTimeOffset FetchedAt { get; } = fetchedAt;
    }
}
