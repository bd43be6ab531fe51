using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Contacts;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// What follows from one request, Maileon fact or address change: the Maileon work for the address (each once, however
/// many persons share it), the Newsletter value each affected person should show, and one ledger entry per person.
/// </summary>
public sealed class AddressOutcome
{
    /// <summary>The address key the outcome is about; null when the event named no usable address.</summary>
    public string? Address { get; set; }

    /// <summary><see cref="ContactWorkKind.StartDoubleOptIn"/>, <see cref="ContactWorkKind.Unsubscribe"/> or <see cref="ContactWorkKind.UpdateContact"/>, for the address.</summary>
    public List<ContactWork> Maileon { get; } = [];

    public List<PersonFieldUpdate> Fields { get; } = [];

    public List<PersonTransition> Transitions { get; } = [];

    public (ActivityLevel Level, string Message)? Note { get; set; }

    public bool StartsDoubleOptIn => Maileon.Any(w => w.Kind == ContactWorkKind.StartDoubleOptIn);

    public bool Unsubscribes => Maileon.Any(w => w.Kind == ContactWorkKind.Unsubscribe);
}
