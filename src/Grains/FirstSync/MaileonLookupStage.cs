namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>How far reading what the Maileon account holds has come.</summary>
public enum MaileonLookupStage
{
    /// <summary>Reading contacts (their permissions), by list pages or address by address.</summary>
    Contacts,

    /// <summary>Reading the unsubscription report (unsubscribed contacts are anonymised; the report still names them).</summary>
    Unsubscriptions,

    Done,
}
