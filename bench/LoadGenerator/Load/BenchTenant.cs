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
    public string Authorization => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{WebhookUser}:{WebhookPassword}"));
}
