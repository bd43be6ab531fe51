using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// <c>Webhooks:*</c>: per-tenant admission on webhook ingress, so one noisy tenant cannot starve the others.
/// A tenant over its rate gets 429 with <c>Retry-After</c> (Pipedrive and Maileon retry), nothing is recorded.
/// </summary>
public sealed class WebhookIngressOptions
{
    public const string Section = "Webhooks";

    /// <summary>Sustained webhooks per second per tenant (token bucket refill).</summary>
    [Range(1, 100_000)]
    public int PerTenantPerSecond { get; set; } = 200;

    /// <summary>Burst a tenant may send above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int PerTenantBurst { get; set; } = 400;
}
