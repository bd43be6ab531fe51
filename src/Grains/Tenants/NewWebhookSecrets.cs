using PipedriveMaileon.Grains.Interfaces.Tenants;

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
        return new NewWebhookSecrets(user, secrets.Protect(password), WebhookSecrets.Hash($"{user}:{password}"), secrets.Protect(token), WebhookSecrets.Hash(token));
    }
}
