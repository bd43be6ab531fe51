using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Freshly made webhook credentials (secrets protected, with the hashes ingress compares against), made before a
/// change so the change itself stays deterministic; a tenant that already has credentials keeps them.
/// </summary>
public sealed record NewWebhookSecrets(string PipedriveUser, ProtectedSecret PipedrivePassword, byte[] PipedriveCredentialHash, ProtectedSecret MaileonToken, byte[] MaileonTokenHash)
{
    public static NewWebhookSecrets Create(SecretProtector secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var user = WebhookSecrets.NewUser();
        var password = WebhookSecrets.NewSecret();
        var token = WebhookSecrets.NewSecret();
        return new NewWebhookSecrets(user, secrets.Protect(password), WebhookCredentialHash.Of($"{user}:{password}"), secrets.Protect(token), WebhookCredentialHash.Of(token));
    }
}
