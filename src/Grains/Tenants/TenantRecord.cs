using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>The views of a tenant's record that leave the tenant grain (secrets only in protected form).</summary>
public static class TenantRecord
{
    public static TenantConnection Connection(long companyId, TenantState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new TenantConnection
        {
            CompanyId = companyId,
            Status = state.Status,
            ConfigVersion = state.ConfigVersion,
            PipedriveApiBase = state.ApiBase,
            PipedriveAccessToken = state.AccessToken,
            AccessTokenExpiresAt = state.AccessTokenExpiresAt,
            InstallingUserId = state.InstallingUserId,
            MaileonApiKey = state.MaileonApiKey,
            DoiMailingKey = state.DoiMailingKey,
            DoiPlus = state.DoiPlus,
            DealEventsEnabled = state.DealEventsEnabled,
            NewsletterField = state.NewsletterField,
            ExtraFields = state.ExtraFields.ToList(),
            InstallationEpoch = state.InstallationEpoch,
            EraseDeletedInMaileon = state.EraseDeletedInMaileon,
            Scopes = state.Scopes.ToList(),
        };
    }

    public static TenantOverview Overview(long companyId, TenantState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new TenantOverview
        {
            CompanyId = companyId,
            Status = state.Status,
            CompanyName = state.CompanyName,
            InstalledBy = state.InstalledByName,
            InstalledAt = state.InstalledAt,
            MaileonApiKeyHint = state.MaileonApiKeyHint,
            DoiMailingKey = state.DoiMailingKey,
            DoiPlus = state.DoiPlus,
            DealEventsEnabled = state.DealEventsEnabled,
            ExtraFieldKeys = state.ExtraFields.Select(f => f.PipedriveKey).ToList(),
            Pipedrive = state.PipedriveHealth,
            Maileon = state.MaileonHealth,
            Webhooks = state.Webhooks.ToList(),
            Setup = state.LastSetup.ToList(),
            MaileonAccountName = state.MaileonAccountName,
            SettingsSaved = state.SettingsSavedAt is not null || state.MaileonApiKey is not null,
            NewsletterMapping = state.NewsletterField?.Mapping?.ToList() ?? [],
            EraseDeletedInMaileon = state.EraseDeletedInMaileon,
        };
    }
}
