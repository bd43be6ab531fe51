using PipedriveMaileon.Grains.Engagement;

namespace PipedriveMaileon.UnitTests.Engagement;

public sealed class MailingEngagementTests
{
    [Fact]
    public void Counts_opens_clicks_and_distinct_links_once_each()
    {
        var person = new PersonEngagement { PersonId = 7 };
        var rows = new[]
        {
            Rows.Open("a@example.com", second: 0), Rows.Open("a@example.com", second: 5), Rows.Open("a@example.com", second: 9),
            Rows.Click("a@example.com", "https://shop.example/pricing", second: 10), Rows.Click("a@example.com", "https://shop.example/pricing", second: 11),
            Rows.Click("a@example.com", "https://shop.example/faq", second: 12),
        };

        var changed = person.Fold(rows);
        var again = person.Fold(rows);

        var mailing = Assert.Single(changed);
        Assert.Empty(again);
        Assert.Equal((3, 3, 2), (mailing.OpenCount, mailing.ClickCount, mailing.DistinctLinks));
        Assert.Equal(Rows.At, mailing.FirstAt);
        Assert.Equal(Rows.At.AddSeconds(12), mailing.LastAt);
    }

    [Fact]
    public void A_mailing_per_entry_and_a_hard_bounce_once()
    {
        var person = new PersonEngagement { PersonId = 7 };
        person.Fold([Rows.Open("a@example.com", mailing: 1), Rows.Open("a@example.com", mailing: 2), Rows.Bounce("a@example.com", mailing: 3)]);
        var repeated = person.Fold([Rows.Bounce("a@example.com", mailing: 3, second: 60)]);

        Assert.Equal([1L, 2L, 3L], person.Mailings.Keys.Order());
        Assert.True(person.Mailings[3].HardBounce);
        Assert.Equal("5.1.1", person.Mailings[3].BounceStatusCode);
        Assert.Empty(repeated);
        Assert.Equal([3L, 2L], person.Latest(2).Select(m => m.MailingId));
    }

    [Fact]
    public void Counting_stops_at_the_cap_and_says_so()
    {
        var mailing = new MailingEngagement { PersonId = 7, MailingId = 4317 };
        for (var second = 0; second < MailingEngagement.MaxEventsPerKind + 10; second++)
        {
            mailing.Fold(Rows.Open("a@example.com", second: second));
        }

        Assert.Equal(MailingEngagement.MaxEventsPerKind, mailing.OpenCount);
        Assert.True(mailing.Saturated);
    }

    [Fact]
    public void Past_the_bound_the_oldest_written_mailing_is_let_go_and_its_late_rows_ignored()
    {
        var person = new PersonEngagement { PersonId = 7 };
        for (var mailing = 1; mailing <= PersonEngagement.MaxMailings; mailing++)
        {
            person.Fold([Rows.Open("a@example.com", mailing: mailing, second: mailing)]);
            person.Mailings[mailing].Entry.WrittenDigest = "written";
        }

        person.Fold([Rows.Open("a@example.com", mailing: 999, second: 999)]);
        var late = person.Fold([Rows.Open("a@example.com", mailing: 1, second: 5000)]);

        Assert.Equal(PersonEngagement.MaxMailings, person.Mailings.Count);
        Assert.DoesNotContain(1L, person.Mailings.Keys);
        Assert.Equal([1L], person.Frozen);
        Assert.Empty(late);
    }
}
