using System.Collections.Concurrent;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// The silo's one way to a tenant's connection, shared by every grain and effect handler on the silo:
/// <list type="bullet">
/// <item>the <see cref="TenantConnection"/>, kept <see cref="Lifetime"/> (a settings change arrives within it) and
/// fetched again before the access token expires; only connections that can sync are kept, so a tenant still being
/// set up is asked every time and its first webhooks after setup are not ignored on the strength of an old copy;</item>
/// <item>plain credentials for one call at a time (the tenant grain hands out protected secrets only);</item>
/// <item>the one refresh-on-401 path: a Pipedrive call refused with 401 asks the tenant grain to refresh the token
/// (it refreshes once however many callers ask) and is repeated once with the new token.</item>
/// </list>
/// What has expired is swept out at most every <see cref="Lifetime"/>, so a tenant that went quiet holds nothing here.
/// </summary>
public sealed class TenantConnections(IGrainFactory grains, SecretProtector secrets, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<long, Kept<TenantConnection>> connections = new();
    private long nextSweepTicks;

    /// <summary>How many tenants have a connection kept here.</summary>
    public int KeptTenants => connections.Count;

    public Task<TenantConnection> GetAsync(long companyId) =>
        connections.TryGetValue(companyId, out var kept) && IsFresh(kept, time.GetUtcNow()) ? Task.FromResult(kept.Value) : CurrentAsync(companyId);

    /// <summary>
    /// The connection as the tenant grain has it now, never a copy kept here: for an effect that acts on a setting the
    /// admin may just have changed (the permission a double opt-in asks Maileon for). A settings save clears the copy
    /// only on the silo that saved; another silo's copy may be up to <see cref="Lifetime"/> old.
    /// </summary>
    public async Task<TenantConnection> CurrentAsync(long companyId)
    {
        var connection = await grains.Tenant(companyId).GetConnection();
        Store(connection);
        return connection;
    }

    /// <summary>
    /// The connection as the tenant grain has it now, for <paramref name="attempt"/>: fetched afresh when the attempt
    /// follows a wait for credentials (the admin may just have renewed them), else as <see cref="GetAsync"/>.
    /// </summary>
    public Task<TenantConnection> ForAttemptAsync(long companyId, Outbox.EffectAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.AfterCredentialWait)
        {
            Forget(companyId);
        }

        return GetAsync(companyId);
    }

    /// <summary>Keeps a connection the tenant grain handed out (e.g. after refreshing the access token).</summary>
    public void Store(TenantConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var now = time.GetUtcNow();
        SweepIfDue(now);
        if (connection.CanSyncContacts)
        {
            connections[connection.CompanyId] = new Kept<TenantConnection>(connection, now);
        }
        else
        {
            connections.TryRemove(connection.CompanyId, out _);
        }
    }

    /// <summary>Forgets <paramref name="connection"/> if it is still the kept one (a caller found it refused or incomplete).</summary>
    public void Invalidate(TenantConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connections.TryGetValue(connection.CompanyId, out var kept) && ReferenceEquals(kept.Value, connection))
        {
            connections.TryRemove(new KeyValuePair<long, Kept<TenantConnection>>(connection.CompanyId, kept));
        }
    }

    /// <summary>Forgets whatever is kept for the tenant (its settings or credentials changed).</summary>
    public void Forget(long companyId)
    {
        connections.TryRemove(companyId, out _);
    }

    /// <summary>The Maileon credentials of <paramref name="connection"/>.</summary>
    /// <exception cref="TenantCredentialsException">No Maileon API key is saved.</exception>
    public MaileonConnection Maileon(TenantConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.MaileonApiKey is { } key
            ? new MaileonConnection(connection.CompanyId, secrets.Unprotect(key))
            : throw new TenantCredentialsException("no Maileon API key is saved");
    }

    /// <summary>
    /// Runs a Maileon call with <paramref name="connection"/>'s API key. If Maileon refuses it (401/403) and the tenant's
    /// settings changed since that copy (a key saved meanwhile: a copy kept here may be up to <see cref="Lifetime"/> old
    /// after a save on another silo), repeats the call once with the current connection. Otherwise the refusal reaches
    /// the caller. Versions are compared, never the keys (secrets are compared in constant time only).
    /// </summary>
    /// <exception cref="TenantCredentialsException">No Maileon API key is saved.</exception>
    public Task<T> CallMaileonAsync<T>(TenantConnection connection, Func<MaileonConnection, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallWithCurrentMaileonKeyAsync(connection, current => call(Maileon(current)));
    }

    /// <summary>
    /// As <see cref="CallMaileonAsync{T}"/>, for a call that needs the whole connection (e.g. to tell its settings version
    /// to a batch shared with other callers): <paramref name="call"/> gets <paramref name="connection"/> and, after a
    /// refusal of a key replaced meanwhile, the current connection.
    /// </summary>
    public async Task<T> CallWithCurrentMaileonKeyAsync<T>(TenantConnection connection, Func<TenantConnection, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call(connection);
        }
        catch (MaileonApiException ex) when (ex.Kind is ApiFailureKind.Unauthorized or ApiFailureKind.Forbidden)
        {
            // Maileon's refusal only: a Pipedrive lookup inside the call has its own refresh-on-401, which bumps the
            // version too, and must not make the whole call go again.
            var current = await CurrentAsync(connection.CompanyId);
            if (current.MaileonApiKey is null || current.ConfigVersion == connection.ConfigVersion)
            {
                throw;
            }

            return await call(current);
        }
    }

    /// <summary>
    /// Runs a Pipedrive call with the tenant's access token; on 401 has the token refreshed once and repeats the call.
    /// A second 401 is thrown to the caller (the authorisation is gone).
    /// </summary>
    /// <exception cref="TenantCredentialsException">The app has no Pipedrive authorisation for the tenant.</exception>
    public async Task<T> CallPipedriveAsync<T>(long companyId, Func<PipedriveConnection, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var connection = await GetAsync(companyId);
        try
        {
            return await call(Pipedrive(connection));
        }
        catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.Unauthorized && connection.PipedriveAccessToken is not null)
        {
            return await call(Pipedrive(await RefreshAsync(connection)));
        }
    }

    /// <summary>
    /// Pipedrive refused <paramref name="rejected"/>'s access token: the tenant grain refreshes it (once, however many
    /// ask at the same time) and the new connection is kept.
    /// </summary>
    public async Task<TenantConnection> RefreshAsync(TenantConnection rejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        if (rejected.PipedriveAccessToken is not { } token)
        {
            return rejected;
        }

        var refreshed = await grains.Tenant(rejected.CompanyId).RefreshAccessToken(token);
        Store(refreshed);
        return refreshed;
    }

    /// <summary>The Pipedrive credentials of <paramref name="connection"/>.</summary>
    /// <exception cref="TenantCredentialsException">The app is not authorised (any more): an admin must reconnect it.</exception>
    public PipedriveConnection Pipedrive(TenantConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Status == TenantStatus.NeedsReauthorization || connection.PipedriveApiBase is null || connection.PipedriveAccessToken is null)
        {
            throw new TenantCredentialsException("the app needs to be re-authorised in Pipedrive");
        }

        return new PipedriveConnection(connection.CompanyId, connection.PipedriveApiBase, secrets.Unprotect(connection.PipedriveAccessToken));
    }

    /// <summary>Drops what no caller would take any more; one caller at a time, at most every <see cref="Lifetime"/>.</summary>
    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextSweepTicks, (now + Lifetime).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var entry in connections)
        {
            if (!IsFresh(entry.Value, now))
            {
                connections.TryRemove(entry);
            }
        }
    }

    private static bool IsFresh(Kept<TenantConnection> kept, DateTimeOffset now) =>
        now - kept.FetchedAt <= Lifetime && !(kept.Value.AccessTokenExpiresAt < now + RefreshAhead);

    private sealed record Kept<T>(T Value, DateTimeOffset FetchedAt);
}
