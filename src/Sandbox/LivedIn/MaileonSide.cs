namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>What the Maileon account holds for an address: no contact, an active contact with a permission, or an unsubscription.</summary>
public enum MaileonSide
{
    Absent,
    None,
    Soi,
    Coi,
    Doi,
    DoiPlus,
    Other,

    /// <summary>Unsubscribed long ago: the contact is anonymised, the unsubscription report still names the address.</summary>
    Unsubscribed,
}
