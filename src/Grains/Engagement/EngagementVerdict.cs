namespace PipedriveMaileon.Grains.Engagement;

/// <summary>What the engagement rules make of one report row for one person.</summary>
public enum EngagementVerdict
{
    /// <summary>Counted for the person and mailing.</summary>
    Record,

    /// <summary>The setting is off, or this kind of row is not chosen.</summary>
    NotWanted,

    /// <summary>Maileon could not tie the row to a contact (no single-user tracking: not DOI+; or anonymised).</summary>
    NotPersonal,

    /// <summary>A soft bounce: Maileon still delivers to the address; nothing is written.</summary>
    SoftBounce,

    /// <summary>The address is unsubscribed in this tenant: nothing about it is written.</summary>
    Unsubscribed,

    /// <summary>
    /// The address has no subscription in this tenant (never asked for, or another tenant's or system's contact in a
    /// shared Maileon account): its engagement is not this tenant's to see. A hard bounce also counts while the double
    /// opt-in is pending (the DOI mail bounced).
    /// </summary>
    NotSubscribedHere,

    /// <summary>No person of the tenant has the row's address as primary address.</summary>
    NoPerson,

    /// <summary>The person was deleted in Pipedrive.</summary>
    PersonDeleted,

    /// <summary>The mailing's entry was closed (the person's oldest entries are let go); late rows are not counted.</summary>
    Frozen,
}
