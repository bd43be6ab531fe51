namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>What the first sync does for one person (the preview counts persons by action).</summary>
public enum FirstSyncAction
{
    /// <summary>Marked to subscribe and not confirmed in Maileon: a double opt-in mail (one per address), field "Awaiting confirmation".</summary>
    SendDoi,

    /// <summary>Marked and the address holds DOI or DOI+ in Maileon: field "Subscribed", no mail.</summary>
    MarkSubscribed,

    /// <summary>
    /// Unsubscribed: the address is unsubscribed in Maileon, or a person of this company with the address shows
    /// "Unsubscribed". No Maileon call (nobody asked now); the field shows "Unsubscribed".
    /// </summary>
    MarkUnsubscribed,

    /// <summary>Shows "Awaiting confirmation" and Maileon has the contact waiting (permission none): no second mail.</summary>
    AwaitConfirmation,

    /// <summary>Marked, but the person has no e-mail address.</summary>
    SkipNoEmail,

    /// <summary>Marked, but the primary address is not one Maileon accepts.</summary>
    SkipInvalidEmail,

    /// <summary>Not marked (empty Newsletter field or an option the app does not recognise): left alone.</summary>
    Nothing,
}
