using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>What a setup run found and changed, step by step.</summary>
public sealed record TenantSetupResult(
    IReadOnlyList<SetupStepOutcome> Steps,
    NewsletterFieldConfig? NewsletterField,
    IReadOnlyList<WebhookHealth> Webhooks,
    string? MaileonAccountName,
    bool PipedriveUnauthorized,
    bool MaileonUnauthorized)
{
    public bool AllDone => Steps.All(s => s.State != SetupStepState.Failed);
}
