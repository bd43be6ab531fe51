using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// <c>Webhooks:*</c>: per-tenant admission on webhook ingress, so one noisy tenant cannot starve the others.
/// A tenant over its rate first waits in a short queue; only past the queue does it get 429 with <c>Retry-After</c>
/// (nothing is recorded; Pipedrive and Maileon retry). The queue matters: Pipedrive counts every failed first
/// delivery, bans the webhook for 30 minutes after 10 of them and drops the events sent during the ban, so a bulk
/// import refused at the door would lose events.
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

    /// <summary>
    /// Webhooks of a tenant over its rate that wait for a token instead of being refused. The default holds 5 s of
    /// the sustained rate, half of Pipedrive's 10 s delivery timeout, so a queued webhook is still answered in time.
    /// </summary>
    [Range(0, 1_000_000)]
    public int PerTenantQueue { get; set; } = 1000;
}
