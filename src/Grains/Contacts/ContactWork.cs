using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>One side effect for a person, stored in the outbox (plain data, serialised as JSON).</summary>
public sealed class ContactWork
{
    public ContactWorkKind Kind { get; set; }

    public string? Email { get; set; }

    public NewsletterOption? Option { get; set; }

    /// <summary>For <see cref="ContactWorkKind.HandOver"/>: the survivor, and what is handed over.</summary>
    public long? TargetPersonId { get; set; }

    public SubscriptionStatus? Status { get; set; }

    /// <summary>Who asked, for the DOI's <c>src</c> and the ledger.</summary>
    public string? Actor { get; set; }

    public override string ToString() => Kind switch
    {
        ContactWorkKind.SetNewsletterField => $"set Newsletter to {Option}",
        ContactWorkKind.HandOver => $"hand over to person {TargetPersonId}",
        _ => Kind.ToString(),
    };
}
