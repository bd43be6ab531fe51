namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// What a correct first sync does with a person, as the fixture states the rules (docs/IDENTITY.md, "First sync"):
/// the truth the preview's counts are checked against.
/// </summary>
public enum FirstSyncExpectation
{
    /// <summary>Marked and not confirmed in Maileon: a DOI mail (one per address).</summary>
    DoiMail,

    /// <summary>Marked and the address holds DOI/DOI+: "Subscribed" without a mail.</summary>
    AlreadyConfirmed,

    /// <summary>Shows "Unsubscribed", or marked but the address is unsubscribed in Maileon or in this company: no mail.</summary>
    Unsubscribed,

    /// <summary>Shows "awaiting confirmation" and Maileon holds the contact waiting for its DOI click: no second mail.</summary>
    AwaitingConfirmation,

    NoEmail,
    InvalidEmail,

    /// <summary>Empty or unrecognised Newsletter value: left alone.</summary>
    NotMarked,
}
