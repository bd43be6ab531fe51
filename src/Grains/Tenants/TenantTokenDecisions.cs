using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// What a token refresh's outcome does to a tenant's record, in the manner of <see cref="TenantDecisions"/>: new tokens,
/// a rejected refresh token (an admin must reconnect), or an answer refused because of its API host.
/// </summary>
public static class TenantTokenDecisions
{
    public static bool TokensRefreshed(TenantState state, ProtectedSecret accessToken, ProtectedSecret refreshToken, DateTimeOffset expiresAt, Uri apiBase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.AccessToken = accessToken;
        state.RefreshToken = refreshToken;
        state.AccessTokenExpiresAt = expiresAt;
        state.ApiBase = apiBase;
        state.PipedriveHealth = new ConnectionHealth(true, "Authorised.", now);
        state.ConfigVersion++;
        return true;
    }

    public static bool RefreshTokenRejected(TenantState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Status = TenantStatus.NeedsReauthorization;
        state.PipedriveHealth = new ConnectionHealth(false, "Pipedrive no longer accepts the app's authorisation (refresh token rejected). An admin must reconnect.", now);
        state.ConfigVersion++;
        TenantJournal.Note(state, now, ActivityLevel.Error, "Pipedrive rejected the refresh token: syncing is paused until an admin reconnects the app on the settings page.");
        return true;
    }

    /// <summary>
    /// A token refresh answered with an API host the app must not send the tenant's tokens to: the answer is refused
    /// whole and the current tokens kept; reported once per new reason, not on every refresh that follows.
    /// </summary>
    public static bool RefreshRefused(TenantState state, string problem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var health = $"A token refresh was refused: {problem} The current tokens are kept.";
        if (state.PipedriveHealth?.Message == health)
        {
            return false;
        }

        state.PipedriveHealth = new ConnectionHealth(false, health, now);
        TenantJournal.Note(state, now, ActivityLevel.Error, health + " An admin can reconnect the app on the settings page.");
        return true;
    }
}
