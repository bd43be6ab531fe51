using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// The persons read so far by a first-sync scan (page by page, resumable: plain data, JSON-serialisable), and the
/// classification once the scan is complete. A person's decision depends on the other persons of the company with the
/// same address (one "Unsubscribed" blocks them all), so nothing is decided before the last page.
/// </summary>
public sealed class FirstSyncScan
{
    /// <summary>By person id.</summary>
    public Dictionary<long, ScannedPerson> Persons { get; set; } = [];

    /// <summary>Adds a page; a person read twice (a repeated page) keeps its latest reading.</summary>
    public void Add(IEnumerable<FirstSyncPerson> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        foreach (var person in page)
        {
            Persons[person.PersonId] = new ScannedPerson(person.PersonId, person.PrimaryEmail, person.Meaning);
        }
    }

    /// <summary>The distinct usable addresses of marked persons: what to look up in Maileon.</summary>
    public IReadOnlyCollection<string> AddressesToLookUp() =>
        Persons.Values.Where(p => p.Meaning is not null and not NewsletterOption.Unsubscribed)
            .Select(p => EmailAddressKey.Of(p.PrimaryEmail)).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>One decision per person, by person id.</summary>
    public IReadOnlyList<FirstSyncDecision> Classify(Func<string, MaileonAddressFacts> maileon)
    {
        ArgumentNullException.ThrowIfNull(maileon);
        var blocked = Persons.Values.Where(p => p.Meaning == NewsletterOption.Unsubscribed)
            .Select(p => EmailAddressKey.Of(p.PrimaryEmail)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. Persons.Values.OrderBy(p => p.PersonId).Select(p =>
        {
            var key = EmailAddressKey.Of(p.PrimaryEmail);
            var facts = key is null ? MaileonAddressFacts.Absent : maileon(key);
            return FirstSyncRules.Decide(new FirstSyncPerson(p.PersonId, p.PrimaryEmail, p.Meaning), facts, key is not null && blocked.Contains(key));
        })];
    }
}
