namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// The body of <c>POST /api/v1/webhooks</c>; the client always adds <c>"version":"2.0"</c>.
/// </summary>
public sealed class PipedriveWebhookDefinition
{
    public PipedriveWebhookDefinition(
        Uri subscriptionUrl,
        string eventAction,
        string eventObject,
        string name,
        string? httpAuthUser = null,
        string? httpAuthPassword = null,
        long? userId = null)
    {
        ArgumentNullException.ThrowIfNull(subscriptionUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventAction);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventObject);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > 255)
        {
            throw new ArgumentException("Pipedrive webhook names are at most 255 characters.", nameof(name));
        }

        SubscriptionUrl = subscriptionUrl;
        EventAction = eventAction;
        EventObject = eventObject;
        Name = name;
        HttpAuthUser = httpAuthUser;
        HttpAuthPassword = httpAuthPassword;
        UserId = userId;
    }

    public Uri SubscriptionUrl { get; }

    /// <summary><c>create</c>, <c>change</c>, <c>delete</c> or <c>*</c>.</summary>
    public string EventAction { get; }

    /// <summary>e.g. <c>person</c>, <c>deal</c>.</summary>
    public string EventObject { get; }

    public string Name { get; }

    public string? HttpAuthUser { get; }

    public string? HttpAuthPassword { get; }

    /// <summary>The user whose permissions filter the events; null means the authorizing user.</summary>
    public long? UserId { get; }

    public override string ToString() =>
        $"PipedriveWebhookDefinition {{ {EventAction}.{EventObject} -> {SubscriptionUrl.GetLeftPart(UriPartial.Path)}, Name = {Name}, " +
        $"HttpAuthUser = {HttpAuthUser}, HttpAuthPassword = {(HttpAuthPassword is null ? "null" : "***")}, UserId = {UserId} }}";
}
