using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Webhooks;

namespace PipedriveMaileon.Sandbox.Maileon;

/// <summary>The serialised form of the Maileon emulator's state (the snapshot file's <c>maileon</c> section).</summary>
public sealed class MaileonSnapshot
{
    public MaileonCounters Counters { get; set; } = new();
    public List<NewsletterAccount> Accounts { get; set; } = [];
    public List<ApiKey> ApiKeys { get; set; } = [];
    public List<WebhookDelivery> Deliveries { get; set; } = [];
}
