using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// A first sync's reading of the company (stored as state <c>firstsyncscan</c>, apart from the small progress state
/// so that progress writes stay small): the persons read so far with the cursor to continue from, and what Maileon
/// holds for the marked addresses. A person's decision depends on the other persons of the company with the same
/// address (one "Unsubscribed" blocks them all), so nothing is decided before the last page. Decisions are not stored:
/// they are a pure function of this reading, recomputed when a run resumes. Cleared once the run is done.
/// </summary>
public sealed class FirstSyncScan
{
    /// <summary>The first sync this reading belongs to.</summary>
    public string? SyncId { get; set; }

    /// <summary>Where the next page of persons starts (null: at the beginning, or all read when <see cref="PersonsComplete"/>).</summary>
    public string? Cursor { get; set; }

    public bool PersonsComplete { get; set; }

    public int Pages { get; set; }

    /// <summary>By person id.</summary>
    public Dictionary<long, ScannedPerson> Persons { get; set; } = [];

    public MaileonLookup Maileon { get; set; } = new();

    /// <summary>Adds a page; a person read twice (changed while the scan ran) keeps its latest reading.</summary>
    public void Add(IEnumerable<ScannedPerson> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var person in page)
        {
            Persons[person.PersonId] = person;
        }
    }

    /// <summary>The distinct usable addresses of marked persons: what to look up in Maileon.</summary>
    public IReadOnlySet<string> AddressesToLookUp() =>
        Persons.Values.Where(p => p.Meaning is not null and not NewsletterOption.Unsubscribed)
            .Select(p => EmailAddressKey.Of(p.PrimaryEmail)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>One decision per person, by person id, from what Maileon holds as <see cref="Maileon"/> read it.</summary>
    public IReadOnlyList<FirstSyncDecision> Classify() => Classify(Maileon.FactsOf);

    public IReadOnlyList<FirstSyncDecision> Classify(Func<string, MaileonAddressFacts> maileon)
    {
        ArgumentNullException.ThrowIfNull(maileon);
        var blocked = Persons.Values.Where(p => p.Meaning == NewsletterOption.Unsubscribed)
            .Select(p => EmailAddressKey.Of(p.PrimaryEmail)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. Persons.Values.OrderBy(p => p.PersonId).Select(p =>
        {
            var key = EmailAddressKey.Of(p.PrimaryEmail);
            var facts = key is null ? MaileonAddressFacts.Absent : maileon(key);
            return FirstSyncRules.Decide(p, facts, key is not null && blocked.Contains(key));
        })];
    }
}
