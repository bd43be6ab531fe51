using Microsoft.Extensions.Logging;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// One Pipedrive company's record (see <see cref="ITenantGrain"/>), a thin shell over <see cref="TenantDecisions"/>.
/// It takes one call at a time and never waits for another grain, so the token refresh is single-flight for free:
/// callers queue behind it and find the new token.
/// </summary>
[GrainType(GrainTypes.Tenant)]
public sealed partial class TenantGrain(
    [Outbox(GrainTypes.Tenant)] IOutbox<TenantState, TenantWork> outbox,
    SecretProtector secrets,
    PipedriveOAuthClient oauth,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain, IOutboxParticipant, IRemindable
{
    /// <summary>The self-check's reminder as tenants registered it before <see cref="ITenantHealthGrain"/> held it.</summary>
    private const string LegacyHealingReminder = "self-healing";

    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    /// <summary>After a failed refresh, callers get the current token for a moment rather than each trying again.</summary>
    private static readonly TimeSpan RefreshPause = TimeSpan.FromSeconds(5);

    private DateTimeOffset refreshPausedUntil;

    private long CompanyId => this.GetPrimaryKeyLong();

    private TenantState State => outbox.State;

    public async Task<TenantConnection> GetConnection()
    {
        if (State.Status == TenantStatus.Active && State.RefreshToken is not null && State.AccessTokenExpiresAt < outbox.Now + RefreshAhead)
        {
            await RefreshAsync();
        }

        return TenantRecord.Connection(CompanyId, State);
    }

    public async Task<TenantConnection> RefreshAccessToken(ProtectedSecret rejectedToken)
    {
        ArgumentNullException.ThrowIfNull(rejectedToken);
        // A caller queued behind the refresh finds a different token: the new one is the answer.
        if (State.Status == TenantStatus.Active && State.AccessToken?.CipherText == rejectedToken.CipherText)
        {
            await RefreshAsync();
        }

        return TenantRecord.Connection(CompanyId, State);
    }

    public async Task<InstallationResult> Install(InstallationGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var reinstall = State.Status != TenantStatus.NotInstalled;
        await outbox.UpdateAsync((state, now) => TenantDecisions.Install(state, grant, now));
        return new InstallationResult
        {
            Succeeded = true,
            CompanyId = CompanyId,
            UserId = grant.UserId,
            UserName = grant.UserName,
            CompanyName = grant.CompanyName,
            IsReinstall = reinstall,
        };
    }

    public Task<TenantOverview> GetOverview() => Task.FromResult(TenantRecord.Overview(CompanyId, State));

    public async Task<TenantWebhookCredentials> GetWebhookCredentials()
    {
        if (State.PipedriveWebhookUser is null || State.PipedriveWebhookPassword is null || State.MaileonWebhookToken is null)
        {
            var fresh = NewWebhookSecrets.Create(secrets);
            await outbox.UpdateAsync((state, now) => TenantDecisions.EnsureWebhookSecrets(state, fresh, now));
        }

        return new TenantWebhookCredentials(State.PipedriveWebhookUser!, State.PipedriveWebhookPassword!, State.MaileonWebhookToken!, State.WebhookCredentialsCreatedAt);
    }

    public async Task<bool> StoreSettings(ValidatedSettings settings)
    {
        if (State.Status != TenantStatus.Active)
        {
            return false;
        }

        var fresh = NewWebhookSecrets.Create(secrets);
        return await outbox.UpdateAsync((state, now) => TenantDecisions.StoreSettings(state, settings, fresh, now));
    }

    public Task RecordNote(string message) =>
        outbox.UpdateAsync((state, now) =>
        {
            TenantJournal.Note(state, now, Database.Journal.ActivityLevel.Warning, message);
            return true;
        });

    public Task RecordNoteOnce(string message) =>
        outbox.UpdateAsync((state, now) => TenantDecisions.NoteOnce(state, message, now));

    public Task<int?> GetPipedriveIdMigrationPage() =>
        Task.FromResult(State.PipedriveIdsMigrated ? null : (int?)State.PipedriveIdMigrationPage);

    public Task RecordPipedriveIdMigration(int nextPage, int migrated, bool done) =>
        outbox.UpdateAsync((state, now) => TenantDecisions.PipedriveIdMigrated(state, nextPage, migrated, done, now));

    public Task RecordSetup(TenantSetupResult result, long? actingUserId) =>
        outbox.UpdateAsync((state, now) => TenantDecisions.RecordSetup(state, result, actingUserId, now));

    public async Task RecordUninstall(UninstallRequest request, IReadOnlyList<string> notes)
    {
        if (await outbox.UpdateAsync((state, now) => TenantDecisions.Uninstall(state, request, notes, now)))
        {
            await DropLegacyReminderAsync();
        }
    }

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();

    /// <summary>Tenants set up before the self-check was the health grain's job still have its reminder here: it is handed over once.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == LegacyHealingReminder)
        {
            if (State.Status == TenantStatus.Active && State.MaileonApiKey is not null)
            {
                await GrainFactory.TenantHealth(CompanyId).Start();
            }

            await DropLegacyReminderAsync();
        }
    }

    private async Task DropLegacyReminderAsync()
    {
        if (await this.GetReminder(LegacyHealingReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task RefreshAsync()
    {
        if (State.RefreshToken is not { } refreshToken || outbox.Now < refreshPausedUntil)
        {
            return;
        }

        try
        {
            var tokens = await oauth.RefreshAsync(secrets.Unprotect(refreshToken));
            var access = secrets.Protect(tokens.AccessToken);
            var refresh = secrets.Protect(tokens.RefreshToken);
            await outbox.UpdateAsync((state, now) => TenantTokenDecisions.TokensRefreshed(state, access, refresh, tokens.ExpiresAt, tokens.ApiDomain, now));
            LogRefreshed(CompanyId);
        }
        catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.InvalidGrant)
        {
            await outbox.UpdateAsync((state, now) => TenantTokenDecisions.RefreshTokenRejected(state, now));
            LogNeedsReauthorization(CompanyId);
        }
        catch (PipedriveOAuthException ex) when (ex.ErrorCode == PipedriveOAuthClient.ForeignApiDomain)
        {
            // The tokens came with an API host they must never be sent to: refused whole, the current ones kept.
            refreshPausedUntil = outbox.Now + RefreshPause;
            await outbox.UpdateAsync((state, now) => TenantTokenDecisions.RefreshRefused(state, ex.ServerMessage ?? "an API host that is not allowed", now));
            LogRefreshFailed(CompanyId, ex.Kind);
        }
        catch (ApiClientException ex)
        {
            refreshPausedUntil = outbox.Now + RefreshPause;
            LogRefreshFailed(CompanyId, ex.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {CompanyId}: access token refreshed")]
    private partial void LogRefreshed(long companyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId}: refresh token rejected; needs re-authorisation")]
    private partial void LogNeedsReauthorization(long companyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId}: token refresh failed ({Kind}); keeping the current token")]
    private partial void LogRefreshFailed(long companyId, ApiFailureKind kind);
}
