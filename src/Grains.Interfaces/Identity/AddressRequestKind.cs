namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>What a Pipedrive user's Newsletter choice asks of the person's address.</summary>
public enum AddressRequestKind
{
    /// <summary>"Subscribe": start a double opt-in (unless the address is pending or subscribed already).</summary>
    Subscribe,

    /// <summary>"Unsubscribed": unsubscribe the address in Maileon.</summary>
    Unsubscribe,

    /// <summary>A value only the app sets ("Awaiting confirmation", "Subscribed") or an empty field: it asks for nothing.</summary>
    Overwritten,
}
