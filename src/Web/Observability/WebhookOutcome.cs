namespace PipedriveMaileon.Web.Observability;

/// <summary>
/// How a webhook was answered (the <c>outcome</c> label): the ingress verdicts of
/// <see cref="Grains.Interfaces.Webhooks.IngressStatus"/> plus the answers the web gives itself (rate limited; size and
/// content-type refusals count as bad request).
/// </summary>
public enum WebhookOutcome
{
    Accepted,
    Duplicate,
    Ignored,
    BadRequest,
    Unauthorized,
    Gone,
    Unavailable,
    RateLimited,
}
