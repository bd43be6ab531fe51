namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Stateless entry of inbound webhooks into the cluster (key: the company id, so a tenant's webhooks enter through one
/// gateway; activations on every silo). Checks the tenant's credentials, parses and validates the body, and hands
/// the event to the grain that owns the person or deal, which records it durably before this call returns.
/// </summary>
public interface IWebhookIngressGrain : IGrainWithIntegerKey
{
    /// <summary>A Pipedrive webhook (v2 or v1 JSON) for <paramref name="companyId"/>, with the Basic credentials as sent (<c>user:password</c>).</summary>
    Task<IngressOutcome> AcceptPipedrive(long companyId, string? basicCredentials, byte[] body);

    /// <summary>A Maileon webhook (<c>doi</c> or <c>unsubscription</c>): URL token, URL parameters and the optional flat JSON body.</summary>
    Task<IngressOutcome> AcceptMaileon(long companyId, string eventName, string? token, IReadOnlyDictionary<string, string> parameters, byte[] body);
}
