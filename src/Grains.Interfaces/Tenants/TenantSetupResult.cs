namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>What a setup run found and changed, step by step (the tenant grain records it).</summary>
[GenerateSerializer, Immutable, Alias("pm.TenantSetupResult")]
public sealed record TenantSetupResult(
    [property: Id(0)] IReadOnlyList<SetupStepOutcome> Steps,
    [property: Id(1)] NewsletterFieldConfig? NewsletterField,
    [property: Id(2)] IReadOnlyList<WebhookHealth> Webhooks,
    [property: Id(3)] string? MaileonAccountName,
    [property: Id(4)] bool PipedriveUnauthorized,
    [property: Id(5)] bool MaileonUnauthorized,
    [property: Id(6)] long? MaileonAccountId = null)
{
    public bool AllDone => Steps.All(s => s.State != SetupStepState.Failed);
}
