using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// An admin saved an API key of another Maileon account: the old account's webhooks for this tenant are removed with
/// the old key, so that account stops calling us (its unsubscribes would otherwise reach a tenant that no longer
/// sends it anything). A new key of the same account (a rotation) changes nothing here; setup keeps its webhooks.
/// </summary>
public sealed class MaileonAccountSwitch(MaileonAccount accounts, TenantWebhookRemoval webhooks)
{
    /// <returns>What was done about the old account (null: the key belongs to the same account, nothing to say).</returns>
    public async Task<string?> LeaveOldAccountAsync(long companyId, string oldKey, string newKey)
    {
        ArgumentNullException.ThrowIfNull(oldKey);
        ArgumentNullException.ThrowIfNull(newKey);
        if (string.Equals(oldKey, newKey, StringComparison.Ordinal))
        {
            return null;
        }

        MaileonAccountInfo newAccount;
        try
        {
            newAccount = await accounts.GetAccountInfoAsync(new MaileonConnection(companyId, newKey));
        }
        catch (ApiClientException ex)
        {
            return $"Could not check whether the new API key belongs to another Maileon account ({TenantSetupRunner.Describe(ex)}); " +
                   "if it does, delete this app's webhooks in the old account under Settings → Webhooks.";
        }

        var old = new MaileonConnection(companyId, oldKey);
        try
        {
            var oldAccount = await accounts.GetAccountInfoAsync(old);
            if (oldAccount.Id == newAccount.Id)
            {
                return null;
            }

            var removed = await webhooks.RemoveFromMaileonAsync(old);
            return $"Switched to another Maileon account ({oldAccount.Id} → {newAccount.Id}): {removed} webhook(s) of the old account removed.";
        }
        catch (ApiClientException ex)
        {
            // The old key may be deactivated already: then Maileon cannot be told, and its webhooks now get 401s.
            return $"Switched to another Maileon account ({newAccount.Id}); the old account's webhooks could not be removed ({TenantSetupRunner.Describe(ex)}): delete them in that account under Settings → Webhooks.";
        }
    }
}
