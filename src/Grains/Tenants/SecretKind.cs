namespace PipedriveMaileon.Grains.Tenants;

/// <summary>What a tenant secret is: part of its Data Protection purpose, so one kind can never be read as another.</summary>
public enum SecretKind
{
    PipedriveAccessToken,
    PipedriveRefreshToken,
    MaileonApiKey,
    PipedriveWebhookPassword,
    MaileonWebhookToken,
}
