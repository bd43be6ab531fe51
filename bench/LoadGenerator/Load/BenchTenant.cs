namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// A tenant as the bench plays it: its company, the Basic credentials its webhooks carry and the Newsletter field
/// the webhooks set. <see cref="Installed"/> is false for a stand-in used when the install flow could not run.
/// </summary>
public sealed record BenchTenant(
    long CompanyId,
    long UserId,
    string WebhookUser,
    string WebhookPassword,
    bool Installed,
    string NewsletterKey = "newsletter",
    long SubscribeOptionId = 1,
    long? MaileonAccountId = null)
{
    // Both are sent with every webhook, so they are made once (nothing changes a tenant after it is made).
    public string Authorization { get; } = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{WebhookUser}:{WebhookPassword}"));

    public string WebhookPath { get; } = $"/webhooks/pipedrive/{CompanyId}";
}
