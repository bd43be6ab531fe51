using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Grains.Interfaces.Observability;
using PipedriveMaileon.Web.Observability;

namespace PipedriveMaileon.Web.Webhooks;

/// <summary>
/// The rate limits of webhook ingress, applied after the credentials were checked: a token bucket with a short queue
/// per authenticated company (keyed by the parsed id, so <c>007</c> and <c>7</c> share one; ids that fail
/// authentication never get one), and a token bucket per client address for failed authentications (IPv6 by /64
/// network, as one host usually has the whole network). Idle buckets are dropped by the limiters themselves, so memory
/// follows the number of active senders, not the number of ids or addresses ever seen. <see cref="AdmitAsync"/> gives
/// the answer of a webhook that stops at its credential check or its company's rate.
/// </summary>
public sealed class WebhookAdmission : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<long> tenants;
    private readonly PartitionedRateLimiter<UInt128> failures;

    public WebhookAdmission(IOptions<WebhookIngressOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        tenants = PartitionedRateLimiter.Create<long, long>(companyId => RateLimitPartition.GetTokenBucketLimiter(companyId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.PerTenantBurst,
            TokensPerPeriod = o.PerTenantPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = o.PerTenantQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        failures = PartitionedRateLimiter.Create<UInt128, UInt128>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.AuthFailureBurst,
            TokensPerPeriod = o.AuthFailuresPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>
    /// The answer for a webhook that goes no further after its credential check: refused (401, or 429 past the client's
    /// allowance), gone, not ready, or over the company's rate; null to go on. An authenticated tenant is put on the
    /// request's span (costs nothing when no one records traces).
    /// </summary>
    public async ValueTask<(IResult, WebhookOutcome)?> AdmitAsync(CredentialCheck check, long companyId, HttpContext context, bool basicChallenge)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (check)
        {
            case CredentialCheck.NotReady:
                return WebhookReply.Unavailable();
            case CredentialCheck.Refused:
                return CountFailure(context.Connection.RemoteIpAddress) is { } wait
                    ? WebhookReply.TooMany(context, wait)
                    : WebhookReply.Unauthorized(context, basicChallenge);
            case CredentialCheck.Gone:
                return WebhookReply.Gone();
        }

        if (Activity.Current is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(TelemetryNames.TenantIdTag, companyId);
        }

        return await AdmitTenantAsync(companyId, context.RequestAborted) is { } retryAfter
            ? WebhookReply.TooMany(context, retryAfter)
            : null;
    }

    /// <summary>
    /// Waits for the company's turn (at most its queue). Null when admitted; otherwise how long to tell the sender to
    /// wait before retrying.
    /// </summary>
    public async ValueTask<TimeSpan?> AdmitTenantAsync(long companyId, CancellationToken cancellationToken)
    {
        using var lease = await tenants.AcquireAsync(companyId, 1, cancellationToken);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    /// <summary>
    /// Counts a failed authentication of <paramref name="client"/>. Null while the client is within its allowance (it
    /// is told 401); otherwise how long it must wait (429).
    /// </summary>
    public TimeSpan? CountFailure(IPAddress? client)
    {
        using var lease = failures.AttemptAcquire(ClientKey(client));
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    /// <summary>IPv4 (also IPv4-mapped IPv6) by address, IPv6 by its /64 network; unknown addresses share one key.</summary>
    public static UInt128 ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return UInt128.Zero;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            bytes[8..].Clear();
            return new UInt128(BitConverter.ToUInt64(bytes[..8]), 1);
        }

        return new UInt128(0, BitConverter.ToUInt32(bytes[..written]) | (2UL << 32));
    }

    public async ValueTask DisposeAsync()
    {
        await tenants.DisposeAsync();
        await failures.DisposeAsync();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
}
