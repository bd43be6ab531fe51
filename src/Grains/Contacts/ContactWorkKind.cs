namespace PipedriveMaileon.Grains.Contacts;

public enum ContactWorkKind
{
    /// <summary>Create or update the Maileon contact and start double opt-in (unless it already holds DOI).</summary>
    StartDoubleOptIn,

    /// <summary>Update the Maileon contact's fields; never changes permission.</summary>
    UpdateContact,

    /// <summary>Unsubscribe the address in Maileon.</summary>
    Unsubscribe,

    /// <summary>Write the Newsletter field in Pipedrive.</summary>
    SetNewsletterField,

    /// <summary>Read the person from Pipedrive (the webhook lacked what we need).</summary>
    ReadPerson,

    /// <summary>Tell the survivor of a merge what this person knew.</summary>
    HandOver,

    /// <summary>Erase the Maileon contact of a deleted person (the tenant's "also erase in Maileon" setting).</summary>
    EraseContact,
}
