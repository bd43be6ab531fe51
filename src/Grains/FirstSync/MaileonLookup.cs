using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// What a first sync learnt of the Maileon account, kept only for the addresses it asked about (the marked persons'),
/// and where reading stopped (resumable: plain data). Contacts are read by list (1,000 per call) unless the account has
/// more list pages than there are addresses to look up; then address by address.
/// </summary>
public sealed class MaileonLookup
{
    public MaileonLookupStage Stage { get; set; }

    public MaileonLookupMode Mode { get; set; }

    public int NextPage { get; set; } = 1;

    /// <summary>In <see cref="MaileonLookupMode.PerAddress"/>: the index into the ordered addresses to look up.</summary>
    public int NextAddress { get; set; }

    public int Calls { get; set; }

    /// <summary>Address key → permission of its active contact.</summary>
    public Dictionary<string, MaileonPermissionLevel> Active { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Address keys the unsubscription report names.</summary>
    public HashSet<string> Unsubscribed { get; set; } = new(StringComparer.Ordinal);

    public MaileonAddressFacts FactsOf(string address) =>
        MaileonAddressFacts.Of(Active.TryGetValue(address, out var permission) ? permission : null, Unsubscribed.Contains(address));

    /// <summary>Records an active contact of a wanted address; among several contacts of one address a confirmed double opt-in counts.</summary>
    public void SawContact(MaileonContact? contact, IReadOnlySet<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (contact is null or { Anonymous: true } || EmailAddressKey.Of(contact.Email) is not { } key || !wanted.Contains(key))
        {
            return;
        }

        var permission = contact.Permission ?? MaileonPermissionLevel.None;
        if (!Active.TryGetValue(key, out var known) || !new MaileonAddressFacts(known, false).HasConfirmedDoubleOptIn)
        {
            Active[key] = permission;
        }
    }

    public void SawUnsubscription(MaileonUnsubscription unsubscription, IReadOnlySet<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(unsubscription);
        ArgumentNullException.ThrowIfNull(wanted);
        if (EmailAddressKey.Of(unsubscription.Email) is { } key && wanted.Contains(key))
        {
            Unsubscribed.Add(key);
        }
    }

    /// <summary>After the first list page: the list unless reading it costs more calls than asking address by address.</summary>
    public void ChooseMode(int? totalPages, int addresses) =>
        Mode = (totalPages ?? 1) - 1 <= addresses ? MaileonLookupMode.List : MaileonLookupMode.PerAddress;
}
