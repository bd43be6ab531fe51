namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>How the contacts are read: decided after the first list page, whichever needs fewer calls.</summary>
public enum MaileonLookupMode
{
    Undecided,

    /// <summary>The account's contact list, 1,000 a page.</summary>
    List,

    /// <summary>One <c>GET /contacts/email/{email}</c> per address (an account with far more contacts than the company has marked addresses).</summary>
    PerAddress,
}
