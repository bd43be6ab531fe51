using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// <c>Webhooks:*</c>: admission on webhook ingress. Per authenticated tenant, so one noisy tenant cannot starve the
/// others: a tenant over its rate first waits in a short queue; only past the queue does it get 429 with
/// <c>Retry-After</c> (nothing is recorded; Pipedrive and Maileon retry). The queue matters: Pipedrive counts every
/// failed first delivery, bans the webhook for 30 minutes after 10 of them and drops the events sent during the ban,
/// so a bulk import refused at the door would lose events. Per client address, for requests that fail
/// authentication: past its bucket a client gets 429 instead of 401 (both cost nothing but the answer).
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

    /// <summary>Refused authentications a client address may have per second, sustained (IPv6: per /64 network).</summary>
    [Range(1, 100_000)]
    public int AuthFailuresPerSecond { get; set; } = 20;

    /// <summary>Refused authentications a client address may have in a burst before it gets 429.</summary>
    [Range(1, 1_000_000)]
    public int AuthFailureBurst { get; set; } = 200;

    /// <summary>
    /// How often each web node reads the changes of <c>tenant_ingress</c> (installations, uninstalls, new
    /// credentials). A change is in force on every web node within this interval plus one read.
    /// </summary>
    [Range(100, 10_000)]
    public int DirectoryRefreshMilliseconds { get; set; } = 1000;
}
