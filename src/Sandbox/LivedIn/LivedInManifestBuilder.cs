using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Pipedrive.Model;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>Writes down what was seeded, with ids, and the expected first-sync outcome of every person.</summary>
internal static class LivedInManifestBuilder
{
    public static LivedInManifest Build(int seed, NewsletterAccount account, string apiKey, LivedInPlan plan, SeededCompany first, SeededCompany? second,
        IReadOnlyDictionary<PlannedAddress, List<MaileonContact>> contacts, IReadOnlyList<Deal> deals)
    {
        var seeded = second is null ? new[] { (first, plan.First) } : [(first, plan.First), (second, plan.Second)];
        var persons = new List<ManifestPerson>();
        var companies = new List<ManifestCompany>();
        foreach (var (company, planned) in seeded)
        {
            var unsubscribed = FirstSyncTruth.UnsubscribedIn(planned);
            var entries = planned.Select(p => Person(company, p, FirstSyncTruth.For(p, unsubscribed))).ToList();
            persons.AddRange(entries);
            var doiMails = planned.Where(p => entries[p.Index].Expected == FirstSyncExpectation.DoiMail).Select(p => p.Address).Distinct().Count();
            companies.Add(Company(company, entries, company == first ? deals.Count : 0, doiMails));
        }

        var holders = seeded.SelectMany(s => s.Item2.Where(p => p.Address is not null).Select(p => (p.Address!, s.Item1.Persons[p].Id)))
            .ToLookup(h => h.Item1, h => h.Item2);
        var manifestContacts = contacts.SelectMany(c => c.Value.Select(contact => Contact(c.Key, contact, account, holders[c.Key])))
            .OrderBy(c => c.ContactId).ToList();
        return new LivedInManifest(seed, account.Id, apiKey, LivedInMaileonWriter.DealTypes, companies, persons, manifestContacts,
            [.. deals.Select(d => new ManifestDeal(d.Id, d.CompanyId, d.PersonId!.Value, d.Value, d.Currency, d.Status))]);
    }

    private static ManifestPerson Person(SeededCompany company, PlannedPerson planned, FirstSyncExpectation expected)
    {
        var person = company.Persons[planned];
        var side = planned.Address?.Side ?? MaileonSide.Absent;
        return new ManifestPerson(
            company.Company.Id,
            person.Id,
            planned.Shape,
            planned.Mark,
            IncumbentNewsletterField.LabelFor(planned.Mark, company.German, planned.VerbLabel),
            [.. person.Emails.Select(e => e.Value)],
            person.PrimaryEmail,
            side,
            side == MaileonSide.Absent ? null : planned.Address!.Origin,
            expected);
    }

    private static ManifestCompany Company(SeededCompany company, List<ManifestPerson> persons, int deals, int doiMails)
    {
        var labels = company.German ? IncumbentNewsletterField.German : IncumbentNewsletterField.English;
        return new ManifestCompany(
            company.Company.Id,
            company.Company.Name,
            company.Admin.Id,
            company.German ? IncumbentNewsletterField.GermanVariant : IncumbentNewsletterField.EnglishVariant,
            company.Newsletter.Id,
            company.Newsletter.Key,
            [.. company.Newsletter.Options.Select(o => new ManifestOption(o.Id, o.Label, labels.First(l => l.Label == o.Label).Mark))],
            persons.Count,
            deals,
            Enum.GetValues<FirstSyncExpectation>().ToDictionary(e => e, e => persons.Count(p => p.Expected == e)),
            doiMails);
    }

    private static ManifestContact Contact(PlannedAddress address, MaileonContact contact, NewsletterAccount account, IEnumerable<long> personIds)
    {
        var unsubscription = contact.Anonymous ? account.Unsubscriptions.First(u => u.ContactId == contact.Id) : null;
        return new ManifestContact(
            contact.Id,
            contact.Email,
            unsubscription?.Email,
            contact.ExternalId ?? unsubscription?.ExternalId,
            contact.Permission,
            unsubscription is null ? contact.CustomFields.GetValueOrDefault("createdByPipedrive") : null,
            address.Origin,
            contact.Anonymous ? MaileonSide.Unsubscribed : address.Side,
            [.. personIds.Order()]);
    }
}
