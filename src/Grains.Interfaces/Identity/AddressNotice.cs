using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Interfaces.Identity;

/// <summary>
/// What an address tells one of its persons (from its outbox, at least once: <see cref="NoticeId"/> makes a repeat a
/// duplicate): the address's status, whether the person's Newsletter field should show it, and the ledger entry and
/// activity line for the person.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.AddressNotice")]
public sealed record AddressNotice
{
    [Id(0)] public required string NoticeId { get; init; }

    /// <summary>The address key; a person whose primary address is another one ignores the notice.</summary>
    [Id(1)] public required string Address { get; init; }

    [Id(2)] public SubscriptionStatus Status { get; init; }

    /// <summary>The field should show <see cref="Status"/> (written only where it differs).</summary>
    [Id(3)] public bool WriteField { get; init; }

    /// <summary>The first sync registers the person: it takes this address as its own unless it knows a newer one.</summary>
    [Id(4)] public bool Register { get; init; }

    /// <summary>With <see cref="Register"/>: what the person's Newsletter field held when the first sync read it.</summary>
    [Id(5)] public NewsletterOption? FieldNow { get; init; }

    [Id(6)] public LedgerLine? Ledger { get; init; }

    /// <summary>An activity-log line for the person (null: none).</summary>
    [Id(7)] public string? Note { get; init; }

    [Id(8)] public bool NoteIsWarning { get; init; }

    /// <summary>
    /// The Maileon contact was just written from this person's data as of this time: data the person learnt later
    /// (an edit while the double opt-in was on its way) still has to reach the contact.
    /// </summary>
    [Id(9)] public DateTimeOffset? ContactDataAt { get; init; }
}
