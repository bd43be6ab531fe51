namespace PipedriveMaileon.Grains.Identity;

public enum AddressWorkKind
{
    /// <summary>Create or update the Maileon contact and start double opt-in (unless it already holds DOI/DOI+).</summary>
    StartDoubleOptIn,

    /// <summary>Unsubscribe the address in Maileon.</summary>
    Unsubscribe,

    /// <summary>Tell one person of the address what to show and record.</summary>
    Notify,

    /// <summary>Delete the Maileon contact (GDPR erasure, when the tenant asked for it).</summary>
    Erase,
}
