using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>One side effect of an address, stored in its outbox (plain data, serialised as JSON).</summary>
public sealed class AddressWork
{
    public AddressWorkKind Kind { get; set; }

    /// <summary>The person notified, or the person whose data a double opt-in creates the contact from.</summary>
    public long? PersonId { get; set; }

    /// <summary>For a double opt-in: the requesting person's data (the Maileon contact's fields).</summary>
    public KnownPerson? Person { get; set; }

    /// <summary>Who asked, for the DOI's <c>src</c>.</summary>
    public string? Actor { get; set; }

    /// <summary>For a double opt-in handed over from a person: an earlier attempt may have reached Maileon.</summary>
    public bool CheckFirst { get; set; }

    /// <summary>For a notice: the field should show the address's status (as it is when the notice goes out).</summary>
    public bool WriteField { get; set; }

    /// <summary>For a notice of the first sync: the person takes this address as its own.</summary>
    public bool Register { get; set; }

    public NewsletterOption? FieldNow { get; set; }

    public LedgerLine? Ledger { get; set; }

    public string? Note { get; set; }

    public bool Warning { get; set; }

    /// <summary>For a notice to the person whose data the contact was written from: that data's time.</summary>
    public DateTimeOffset? ContactDataAt { get; set; }

    public override string ToString() => Kind switch
    {
        AddressWorkKind.Notify => $"notify person {PersonId}",
        _ => Kind.ToString(),
    };
}
