namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>Where a person's newsletter subscription stands, as this app knows it.</summary>
public enum SubscriptionStatus
{
    /// <summary>Nobody asked for a subscription (or the person's address went away).</summary>
    None,

    /// <summary>A subscription was requested; Maileon sent (or is about to send) the DOI mail.</summary>
    Pending,

    /// <summary>The contact confirmed the DOI mail.</summary>
    Subscribed,

    /// <summary>Unsubscribed on either side. Permanent until a Pipedrive user explicitly asks again, later.</summary>
    Unsubscribed,
}
