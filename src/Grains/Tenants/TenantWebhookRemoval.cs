using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Removes a tenant's webhooks at uninstall or when it leaves a Maileon account. Only the webhooks under this tenant's
/// own path are touched: a shared Maileon account keeps other tenants' and other systems' webhooks. Each answer is a
/// line for the activity log, also when removal failed and the admin has to finish it by hand.
/// </summary>
public sealed class TenantWebhookRemoval(
    TenantConnections tenants,
    PipedriveApiClient pipedrive,
    MaileonWebhooks maileonWebhooks,
    IOptions<TenantSetupOptions> options)
{
    /// <summary>Deletes this tenant's webhooks from the account <paramref name="account"/> reaches; returns how many.</summary>
    public async Task<int> RemoveFromMaileonAsync(MaileonConnection account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var prefix = options.Value.MaileonWebhookPathPrefix(account.CompanyId);
        var removed = 0;
        foreach (var hook in (await maileonWebhooks.ListWebhooksAsync(account)).Where(h => h.Url.StartsWith(prefix, StringComparison.Ordinal)))
        {
            await maileonWebhooks.DeleteWebhookAsync(account, hook.Id);
            removed++;
        }

        return removed;
    }

    public async Task<string> RemoveFromMaileonAtUninstallAsync(TenantConnection connection)
    {
        try
        {
            return $"{await RemoveFromMaileonAsync(tenants.Maileon(connection))} Maileon webhook(s) removed.";
        }
        catch (ApiClientException ex)
        {
            return $"Maileon webhooks could not be removed ({TenantSetupRunner.Describe(ex)}); they now receive 410 and can be deleted in Maileon → Settings → Webhooks.";
        }
    }

    public async Task<string> RemoveFromPipedriveAsync(long companyId)
    {
        try
        {
            foreach (var hook in await tenants.CallPipedriveAsync(companyId, pd => pipedrive.ListWebhooksAsync(pd)))
            {
                await tenants.CallPipedriveAsync(companyId, pd => pipedrive.DeleteWebhookAsync(pd, hook.Id));
            }

            return "Pipedrive webhooks removed.";
        }
        catch (Exception ex) when (ex is ApiClientException or TenantCredentialsException)
        {
            var reason = ex is ApiClientException api ? TenantSetupRunner.Describe(api) : ex.Message;
            return $"Pipedrive webhooks not removed now ({reason}); revoking the authorisation removes them.";
        }
    }
}
