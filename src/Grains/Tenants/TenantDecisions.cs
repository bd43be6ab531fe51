using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// What each change does to a tenant's record. Pure and deterministic (applied again after a version conflict):
/// secrets and tokens arrive protected, made before the change. Every change the grains of the tenant must see bumps
/// <see cref="TenantState.ConfigVersion"/>. Each returns false when it changed nothing.
/// </summary>
public static class TenantDecisions
{
    public static bool Install(TenantState state, InstallationGrant grant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(grant);
        var reinstall = state.Status != TenantStatus.NotInstalled;
        if (state.Status != TenantStatus.Active)
        {
            // Settings sessions carry the epoch they were signed in under: an uninstall or re-install ends them.
            state.InstallationEpoch++;
        }

        state.Status = TenantStatus.Active;
        state.CompanyName = grant.CompanyName;
        state.InstallingUserId = grant.UserId;
        state.InstalledByName = grant.UserName;
        state.InstalledAt = now;
        state.ApiBase = grant.ApiBase;
        state.AccessToken = grant.AccessToken;
        state.RefreshToken = grant.RefreshToken;
        state.AccessTokenExpiresAt = grant.AccessTokenExpiresAt;
        state.Scopes = [.. grant.Scopes];
        state.PipedriveHealth = new ConnectionHealth(true, "Authorised.", now);
        state.ConfigVersion++;
        state.Outbox.Enqueue(new TenantWork { Kind = TenantWorkKind.UpdateDirectory }, now);
        PublishIngress(state, now);
        if (reinstall)
        {
            ResumeWork(state, now);
        }

        TenantJournal.Note(state, now, ActivityLevel.Info, reinstall
            ? $"Re-installed by {grant.UserName} (user {grant.UserId}); earlier settings kept."
            : $"Installed by {grant.UserName} (user {grant.UserId}).");
        return true;
    }

    /// <summary>
    /// Gives the tenant webhook credentials unless it has them, and has new ones published to the web tier, which checks
    /// webhooks against their hashes.
    /// </summary>
    public static bool EnsureWebhookSecrets(TenantState state, NewWebhookSecrets fresh, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(fresh);
        var changed = false;
        if (state.PipedriveWebhookPassword is null || state.PipedriveWebhookUser is null)
        {
            state.PipedriveWebhookUser = fresh.PipedriveUser;
            state.PipedriveWebhookPassword = fresh.PipedrivePassword;
            state.PipedriveCredentialHash = fresh.PipedriveCredentialHash;
            changed = true;
        }

        if (state.MaileonWebhookToken is null)
        {
            state.MaileonWebhookToken = fresh.MaileonToken;
            state.MaileonTokenHash = fresh.MaileonTokenHash;
            changed = true;
        }

        if (changed)
        {
            state.WebhookCredentialsCreatedAt = now;
            PublishIngress(state, now);
        }

        return changed;
    }

    public static bool StoreSettings(TenantState state, ValidatedSettings settings, NewWebhookSecrets fresh, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.NewMaileonApiKey is { } key)
        {
            state.MaileonApiKey = key;
            state.MaileonApiKeyHint = settings.NewMaileonApiKeyHint;
        }

        state.DoiMailingKey = settings.DoiMailingKey;
        state.DoiPlus = settings.DoiPlus;
        state.DealEventsEnabled = settings.DealEventsEnabled;
        state.SettingsSavedAt = now;
        state.EraseDeletedInMaileon = settings.EraseDeletedInMaileon;
        state.ExtraFields = [.. settings.ExtraFields];
        state.MaileonHealth = new ConnectionHealth(true, "API key accepted.", now);
        EnsureWebhookSecrets(state, fresh, now);
        state.ConfigVersion++;
        ResumeWork(state, now);
        var extras = settings.ExtraFields;
        TenantJournal.Note(state, now, ActivityLevel.Info,
            $"Settings saved by user {settings.ActingUserId}: {(settings.DoiPlus ? "DOI+" : "DOI")}, deal events {(settings.DealEventsEnabled ? "on" : "off")}, " +
            $"deleted persons {(settings.EraseDeletedInMaileon ? "also erased in Maileon" : "kept in Maileon")}, " +
            $"{extras.Count} extra field(s){(extras.Count == 0 ? "" : " (" + string.Join(", ", extras.Select(e => e.Name)) + ")")}{(settings.NewMaileonApiKey is null ? "" : ", new API key")}.");
        return true;
    }

    /// <summary>Records a warning unless the same text was recorded before (the last <see cref="TenantState.MaxNotedOnce"/> are remembered).</summary>
    public static bool NoteOnce(TenantState state, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        if (state.NotedOnce.Contains(message, StringComparer.Ordinal))
        {
            return false;
        }

        state.NotedOnce.Add(message);
        if (state.NotedOnce.Count > TenantState.MaxNotedOnce)
        {
            state.NotedOnce.RemoveAt(0);
        }

        TenantJournal.Note(state, now, ActivityLevel.Warning, message);
        return true;
    }

    public static bool PipedriveIdMigrated(TenantState state, int nextPage, int migrated, bool done, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.PipedriveIdMigrationPage = nextPage;
        state.PipedriveIdsMigrated = done;
        if (migrated > 0)
        {
            TenantJournal.Note(state, now, ActivityLevel.Info,
                $"pipedriveId of {migrated} Maileon contact(s) the app created set to the Pipedrive company id{(done ? "; all contacts checked" : "; continues at the next self-check")}.");
        }

        return true;
    }

    public static bool RecordSetup(TenantState state, TenantSetupResult result, long? actingUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        state.LastSetup = [.. result.Steps];
        state.Webhooks = [.. result.Webhooks];
        state.NewsletterField = result.NewsletterField ?? state.NewsletterField;
        state.MaileonAccountName = result.MaileonAccountName ?? state.MaileonAccountName;
        state.MaileonHealth = result.MaileonUnauthorized
            ? new ConnectionHealth(false, "Maileon rejects the stored API key (expired, deactivated or deleted). Enter a valid key.", now)
            : result.MaileonAccountName is not null ? new ConnectionHealth(true, "Connected.", now) : state.MaileonHealth;
        if (!result.PipedriveUnauthorized && result.Steps.Any(s => s.Step == TenantSetupRunner.NewsletterStep && s.State == SetupStepState.Done))
        {
            state.PipedriveHealth = new ConnectionHealth(true, "Connected.", now);
        }

        state.ConfigVersion++;
        var failed = result.Steps.Where(s => s.State == SetupStepState.Failed).ToList();
        var who = actingUserId is { } user ? $"by user {user}" : "by the periodic self-check";
        if (failed.Count > 0)
        {
            TenantJournal.Note(state, now, ActivityLevel.Warning, $"Setup run {who}: {string.Join(" ", failed.Select(f => $"{f.Step}: {f.Detail}"))}");
        }
        else if (actingUserId is not null || result.Steps.Any(s => s.Detail.Contains("created", StringComparison.OrdinalIgnoreCase) && !s.Detail.Contains("(0 created", StringComparison.Ordinal)))
        {
            TenantJournal.Note(state, now, ActivityLevel.Info, $"Setup run {who}: " + string.Join(" ", result.Steps.Select(s => $"{s.Step}: {s.Detail}")));
        }

        return true;
    }

    /// <summary>Wipes tokens, keys and webhook credentials; uninstalled on the settings page, revoking the refresh token is queued.</summary>
    public static bool Uninstall(TenantState state, UninstallRequest request, IReadOnlyList<string> notes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        if (state.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            return false;
        }

        if (request.Source == UninstallSource.SettingsPage && state.RefreshToken is { } refreshToken)
        {
            // Revoking the refresh token tells Pipedrive the app is uninstalled; retried until it succeeds.
            state.Outbox.Enqueue(new TenantWork { Kind = TenantWorkKind.RevokeAuthorization, Token = refreshToken }, now);
        }

        state.Status = TenantStatus.Uninstalled;
        state.AccessToken = null;
        state.RefreshToken = null;
        state.AccessTokenExpiresAt = null;
        state.MaileonApiKey = null;
        state.MaileonApiKeyHint = null;
        state.PipedriveWebhookPassword = null;
        state.PipedriveCredentialHash = null;
        state.MaileonWebhookToken = null;
        state.MaileonTokenHash = null;
        state.Webhooks = [];
        state.PipedriveHealth = new ConnectionHealth(false, "Uninstalled.", now);
        state.MaileonHealth = new ConnectionHealth(false, "Uninstalled: the API key was deleted.", now);
        state.ConfigVersion++;
        state.Outbox.Enqueue(new TenantWork { Kind = TenantWorkKind.UpdateDirectory }, now);
        PublishIngress(state, now);
        var by = request.Source == UninstallSource.SettingsPage ? $"on the settings page by user {request.UserId}" : "in Pipedrive";
        TenantJournal.Note(state, now, ActivityLevel.Info, $"Uninstalled {by}; tokens and the API key were deleted. " + string.Join(" ", notes));
        return true;
    }

    /// <summary>
    /// Queues copying the tenant's installation and credential hashes to the web tier, read from the state when the
    /// entry runs (so a later change never loses to an earlier one).
    /// </summary>
    private static void PublishIngress(TenantState state, DateTimeOffset now) =>
        state.Outbox.Enqueue(new TenantWork { Kind = TenantWorkKind.PublishIngress }, now);

    /// <summary>
    /// Queues resuming the tenant's waiting and parked work after a reconnect (the resumed work fetches the tenant's
    /// connection afresh, see <see cref="Outbox.EffectAttempt.AfterCredentialWait"/>).
    /// </summary>
    private static void ResumeWork(TenantState state, DateTimeOffset now) =>
        state.Outbox.Enqueue(new TenantWork { Kind = TenantWorkKind.ResumeWork }, now);
}
