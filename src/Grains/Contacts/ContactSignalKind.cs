namespace PipedriveMaileon.Grains.Contacts;

/// <summary>What happened, in consent terms, as the translator of person events and Maileon webhooks saw it.</summary>
public enum ContactSignalKind
{
    /// <summary>A Pipedrive user set Newsletter to "Subscribe".</summary>
    SubscribeRequested,

    /// <summary>A Pipedrive user set Newsletter to "Unsubscribed".</summary>
    UnsubscribeRequested,

    /// <summary>A Pipedrive user set a value only the app may set ("Awaiting confirmation", "Subscribed") or cleared it.</summary>
    FieldOverwritten,

    /// <summary>The person's primary e-mail changed (or appeared, or went away).</summary>
    EmailChanged,

    /// <summary>Maileon: the contact clicked the DOI link.</summary>
    DoiConfirmed,

    /// <summary>Maileon: the contact unsubscribed (any path).</summary>
    MaileonUnsubscribed,

    /// <summary>Another person merged into this one brought its consent facts.</summary>
    MergedIn,
}
