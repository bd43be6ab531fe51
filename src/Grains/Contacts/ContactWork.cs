using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>One side effect for a person, stored in the outbox (plain data, serialised as JSON).</summary>
public sealed class ContactWork
{
    public ContactWorkKind Kind { get; set; }

    /// <summary>The address (for <see cref="ContactWorkKind.TellAddress"/> and updates: its key).</summary>
    public string? Email { get; set; }

    public NewsletterOption? Option { get; set; }

    /// <summary>For the legacy <see cref="ContactWorkKind.HandOver"/>: the survivor.</summary>
    public long? TargetPersonId { get; set; }

    /// <summary>For a join: the status the person showed before (legacy hand-over: the status handed over).</summary>
    public SubscriptionStatus? Status { get; set; }

    /// <summary>Who asked, for the DOI's <c>src</c> and the ledger.</summary>
    public string? Actor { get; set; }

    /// <summary>For <see cref="ContactWorkKind.TellAddress"/>: the message's id (stable across retries).</summary>
    public string? MessageId { get; set; }

    public AddressMessageKind? Message { get; set; }

    public AddressRequestKind? Request { get; set; }

    /// <summary>Source time of what the message reports.</summary>
    public DateTimeOffset? At { get; set; }

    public string? Source { get; set; }

    public bool Wish { get; set; }

    public bool Erase { get; set; }

    public bool FromReconciliation { get; set; }

    public LegacyConsent? Legacy { get; set; }

    public override string ToString() => Kind switch
    {
        ContactWorkKind.SetNewsletterField => $"set Newsletter to {Option}",
        ContactWorkKind.TellAddress => $"tell the address {Message} {Request}",
        ContactWorkKind.HandOver => $"hand over to person {TargetPersonId}",
        _ => Kind.ToString(),
    };
}
