using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.UnitTests.Engagement;

/// <summary>
/// The rules together, as the poller will run them: a mailing to 100 subscribed persons with opens, clicks and three
/// hard bounces, DOI-only recipients (whose opens Maileon reports anonymously) and an unsubscribed one, written to a
/// timeline that stands in for Pipedrive; then the same reports again, which must write nothing.
/// </summary>
public sealed class EngagementScenarioTests
{
    private const long Company = 8087566;
    private const long Mailing = 4317;

    [Fact]
    public void One_entry_per_person_and_mailing_with_its_counts_and_a_replay_writes_nothing()
    {
        var book = new TenantAddressBook();
        var rows = new List<MaileonTrackingEvent>();
        for (var person = 1; person <= 100; person++)
        {
            var email = $"p{person}@example.com";
            Add(book, email, person == 100 ? SubscriptionStatus.Unsubscribed : SubscriptionStatus.Subscribed, person);
            var doiOnly = person % 10 == 0;
            for (var open = 0; open < person % 3; open++)
            {
                rows.Add(doiOnly ? Rows.Anonymous() : Rows.Open(email, Mailing, second: person * 10 + open, message: person));
            }

            if (person % 4 == 0 && !doiOnly)
            {
                rows.Add(Rows.Click(email, $"https://shop.example/{person % 8}", Mailing, second: person * 10 + 5, message: person));
            }

            if (person is 7 or 21 or 100)
            {
                rows.Add(Rows.Bounce(email, hard: true, Mailing, second: person * 10 + 6));
            }
        }

        var settings = new EngagementSettings { Enabled = true };
        var persons = new Dictionary<long, PersonEngagement>();
        var timeline = new Dictionary<long, (long Person, string Subject, string Body)>();
        var first = Run(rows, book, settings, persons, timeline);
        var replay = Run(rows, book, settings, persons, timeline);

        var expected = Enumerable.Range(1, 99).Count(p => (p % 10 != 0 && (p % 3 > 0 || p % 4 == 0)) || p is 7 or 21);
        Assert.Equal(expected, first);
        Assert.Equal(expected, timeline.Count);
        Assert.Equal(timeline.Count, timeline.Values.Select(e => e.Person).Distinct().Count());
        Assert.Equal(0, replay);
        Assert.DoesNotContain(timeline.Values, e => e.Person % 10 == 0);
        Assert.Equal("Opened 'December news' 2 times · clicked 1 link", timeline.Values.Single(e => e.Person == 8).Subject);
        Assert.StartsWith("Hard bounce: 'December news'", timeline.Values.Single(e => e.Person == 21).Subject, StringComparison.Ordinal);
    }

    /// <summary>Routes, counts and writes what changed; returns how many writes reached the timeline.</summary>
    private static int Run(
        List<MaileonTrackingEvent> rows, TenantAddressBook book, EngagementSettings settings,
        Dictionary<long, PersonEngagement> persons, Dictionary<long, (long Person, string Subject, string Body)> timeline)
    {
        var writes = 0;
        foreach (var (personId, personRows) in EngagementRouting.Route(rows, book, settings, _ => false).ByPerson)
        {
            var person = persons.TryGetValue(personId, out var known) ? known : persons[personId] = new PersonEngagement { PersonId = personId };
            foreach (var mailing in person.Fold(personRows))
            {
                var key = EngagementEntryKey.Of(Company, personId, mailing.MailingId);
                var write = EngagementEntryPlanner.Plan(mailing, settings.Target,
                    EngagementEntryText.Subject(mailing, "December news"), EngagementEntryText.Body(mailing, "December news", key));
                if (write.Kind == EngagementWriteKind.None)
                {
                    continue;
                }

                var id = write.PipedriveId ?? timeline.Count + 1000;
                timeline[id] = (personId, write.Subject, write.Body);
                EngagementEntryPlanner.Written(mailing, write, id);
                writes++;
            }
        }

        return writes;
    }

    private static void Add(TenantAddressBook book, string email, SubscriptionStatus status, long person)
    {
        book.Addresses[email] = new AddressConsent { Address = email, State = new SubscriptionState { Status = status }, Persons = [person] };
        book.Persons[person] = new PersonAddress { Address = email };
    }
}
