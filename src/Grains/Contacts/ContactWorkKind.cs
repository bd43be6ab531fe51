namespace PipedriveMaileon.Grains.Contacts;

public enum ContactWorkKind
{
    // Stored as numbers: new kinds go at the end.

    /// <summary>Before addresses held consent: a person's double opt-in (now the address's work; handed over, never run here).</summary>
    StartDoubleOptIn,

    /// <summary>Update the existing Maileon contact's fields (never creates one, never changes permission).</summary>
    UpdateContact,

    /// <summary>Before addresses held consent: a person's unsubscribe call (now the address's work; handed over).</summary>
    Unsubscribe,

    /// <summary>Write the Newsletter field in Pipedrive.</summary>
    SetNewsletterField,

    /// <summary>Read the person from Pipedrive (the webhook lacked what we need).</summary>
    ReadPerson,

    /// <summary>Before addresses held consent: the merged person's facts for the survivor (consent stays with the address now).</summary>
    HandOver,

    /// <summary>Before addresses held consent: erase a deleted person's Maileon contact (now asked of the address, which erases it when no other person has it).</summary>
    EraseContact,

    /// <summary>Tell the grain of an address something (a request, arrival, departure, hand-over).</summary>
    TellAddress,
}
