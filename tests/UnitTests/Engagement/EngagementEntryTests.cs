using PipedriveMaileon.Grains.Engagement;

namespace PipedriveMaileon.UnitTests.Engagement;

public sealed class EngagementEntryTests
{
    private const string Key = "mle-8087566-456-4317";

    [Fact]
    public void The_subject_says_what_happened_with_which_mailing()
    {
        Assert.Equal("Opened 'December news' · clicked 2 links", EngagementEntryText.Subject(Mailing(opens: 1, links: ["https://a.example", "https://b.example"]), "December news"));
        Assert.Equal("Opened 'December news' 3 times", EngagementEntryText.Subject(Mailing(opens: 3), "December news"));
        Assert.Equal("Clicked 1 link in 'December news'", EngagementEntryText.Subject(Mailing(links: ["https://a.example", "https://a.example"]), "December news"));
        Assert.Equal("Hard bounce: 'Mailing 4317'", EngagementEntryText.Subject(Mailing(hardBounce: true), null));
        var clipped = EngagementEntryText.Subject(Mailing(opens: 1), new string('x', 200));
        Assert.Equal($"Opened '{new string('x', 79)}…'", clipped);
    }

    [Fact]
    public void The_body_lists_counts_links_and_the_key_and_encodes_what_it_shows()
    {
        var body = EngagementEntryText.Body(Mailing(opens: 2, links: ["https://a.example/?a=1&b=<2>", "https://a.example/?a=1&b=<2>", "https://c.example"]), "News <b>bold</b>", Key);

        Assert.Contains("mailing “News &lt;b&gt;bold&lt;/b&gt;”", body, StringComparison.Ordinal);
        Assert.Contains("<li>Opened 2 times</li>", body, StringComparison.Ordinal);
        Assert.Contains("Clicked 2 links (3 clicks):<br>https://a.example/?a=1&amp;b=&lt;2&gt; (2×)<br>https://c.example</li>", body, StringComparison.Ordinal);
        Assert.Contains("single-user tracking (DOI+)", body, StringComparison.Ordinal);
        Assert.True(EngagementEntryKey.IsIn(Key, body));
        Assert.False(EngagementEntryKey.IsIn("mle-8087566-456-4318", body));
    }

    [Fact]
    public void The_key_is_deterministic_per_tenant_person_and_mailing()
    {
        Assert.Equal(Key, EngagementEntryKey.Of(8087566, 456, 4317));
        Assert.NotEqual(EngagementEntryKey.Of(8087566, 456, 4317), EngagementEntryKey.Of(8087567, 456, 4317));
    }

    [Fact]
    public void An_entry_is_created_once_updated_in_place_when_counts_grow_and_never_rewritten_unchanged()
    {
        var mailing = Mailing(opens: 1);
        var first = Plan(mailing, EngagementTarget.Note);
        Assert.Equal(EngagementWriteKind.Create, first.Kind);
        EngagementEntryPlanner.CreateStarted(mailing, first, Rows.At);
        EngagementEntryPlanner.Written(mailing, first, 81);
        Assert.Equal(EngagementWriteKind.None, Plan(mailing, EngagementTarget.Note).Kind);

        mailing.Fold(Rows.Open("a@example.com", second: 30));
        var grown = Plan(mailing, EngagementTarget.Activity);
        Assert.Equal((EngagementWriteKind.Update, EngagementTarget.Note, (long?)81), (grown.Kind, grown.Target, grown.PipedriveId));
        EngagementEntryPlanner.Written(mailing, grown, 81);
        Assert.Equal(EngagementWriteKind.None, Plan(mailing, EngagementTarget.Note).Kind);
    }

    [Fact]
    public void A_create_whose_answer_was_lost_is_looked_up_first_and_a_deleted_entry_is_left_alone()
    {
        var mailing = Mailing(opens: 1);
        var create = Plan(mailing, EngagementTarget.Activity);
        EngagementEntryPlanner.CreateStarted(mailing, create, Rows.At);
        var retry = Plan(mailing, EngagementTarget.Note);
        Assert.Equal((EngagementWriteKind.FindThenCreate, EngagementTarget.Activity), (retry.Kind, retry.Target));

        EngagementEntryPlanner.Written(mailing, retry, 71);
        mailing.Fold(Rows.Open("a@example.com", second: 30));
        EngagementEntryPlanner.Vanished(mailing);
        Assert.Equal(EngagementWriteKind.None, Plan(mailing, EngagementTarget.Activity).Kind);
    }

    [Fact]
    public void Writes_cost_the_specs_tokens_and_a_run_writes_its_share()
    {
        var mailing = Mailing(opens: 1);
        Assert.Equal(10, EngagementBudget.CostOf(Plan(mailing, EngagementTarget.Note)));
        Assert.Equal(5, EngagementBudget.CostOf(Plan(mailing, EngagementTarget.Activity)));
        EngagementEntryPlanner.CreateStarted(mailing, Plan(mailing, EngagementTarget.Note), Rows.At);
        Assert.Equal(30, EngagementBudget.CostOf(Plan(mailing, EngagementTarget.Note)));
        Assert.Equal(5, EngagementBudget.BounceFlagCost);

        Assert.Equal(150, EngagementBudget.MaxWrites(30_000, 0.05, 10));
        Assert.Equal(150, EngagementBudget.MaxWrites(null, 0.05, 10));
        Assert.Equal(6_000, EngagementBudget.MaxWrites(600_000, 0.05, 5));
        Assert.Equal(0, EngagementBudget.MaxWrites(0, 0.05, 5));
    }

    private static EngagementWrite Plan(MailingEngagement mailing, EngagementTarget target) =>
        EngagementEntryPlanner.Plan(mailing, target, EngagementEntryText.Subject(mailing, "December news"), EngagementEntryText.Body(mailing, "December news", Key));

    private static MailingEngagement Mailing(int opens = 0, string[]? links = null, bool hardBounce = false)
    {
        var mailing = new MailingEngagement { PersonId = 456, MailingId = 4317 };
        for (var i = 0; i < opens; i++)
        {
            mailing.Fold(Rows.Open("a@example.com", second: i));
        }

        var second = 100;
        foreach (var url in links ?? [])
        {
            mailing.Fold(Rows.Click("a@example.com", url, second: second++));
        }

        if (hardBounce)
        {
            mailing.Fold(Rows.Bounce("a@example.com"));
        }

        return mailing;
    }
}
