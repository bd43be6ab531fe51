using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.UnitTests.Engagement;

public sealed class EngagementRulesTests
{
    private static readonly EngagementSettings On = new() { Enabled = true };

    [Fact]
    public void A_personal_open_of_a_subscribed_address_is_recorded()
    {
        Assert.Equal(EngagementVerdict.Record, EngagementRules.Judge(Rows.Open("a@example.com"), On, SubscriptionStatus.Subscribed, personDeleted: false));
        Assert.Equal(EngagementVerdict.Record, EngagementRules.Judge(Rows.Click("a@example.com", "https://x.example"), On, SubscriptionStatus.Subscribed, false));
    }

    [Fact]
    public void Nothing_is_recorded_when_the_setting_is_off_or_the_kind_not_chosen()
    {
        Assert.Equal(EngagementVerdict.NotWanted, EngagementRules.Judge(Rows.Open("a@example.com"), new EngagementSettings(), SubscriptionStatus.Subscribed, false));
        var noClicks = new EngagementSettings { Enabled = true, Clicks = false };
        Assert.Equal(EngagementVerdict.NotWanted, EngagementRules.Judge(Rows.Click("a@example.com", "https://x.example"), noClicks, SubscriptionStatus.Subscribed, false));
        Assert.Equal(EngagementVerdict.Record, EngagementRules.Judge(Rows.Open("a@example.com"), noClicks, SubscriptionStatus.Subscribed, false));
    }

    [Fact]
    public void Anonymous_rows_of_contacts_without_single_user_tracking_are_not_personal()
    {
        Assert.Equal(EngagementVerdict.NotPersonal, EngagementRules.Judge(Rows.Anonymous(), On, SubscriptionStatus.Subscribed, false));
        Assert.Equal(EngagementVerdict.NotPersonal, EngagementRules.Judge(Rows.Anonymous(MaileonTrackingKind.Click), On, SubscriptionStatus.Subscribed, false));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Unsubscribed, false, EngagementVerdict.Unsubscribed)]
    [InlineData(SubscriptionStatus.None, false, EngagementVerdict.NotSubscribedHere)]
    [InlineData(SubscriptionStatus.Pending, false, EngagementVerdict.NotSubscribedHere)]
    [InlineData(SubscriptionStatus.Subscribed, true, EngagementVerdict.PersonDeleted)]
    [InlineData(SubscriptionStatus.Unsubscribed, true, EngagementVerdict.Unsubscribed)]
    public void Opens_count_only_for_addresses_this_tenant_subscribed_and_persons_not_deleted(SubscriptionStatus status, bool deleted, EngagementVerdict expected) =>
        Assert.Equal(expected, EngagementRules.Judge(Rows.Open("a@example.com"), On, status, deleted));

    [Fact]
    public void Hard_bounces_count_while_the_double_opt_in_waits_and_soft_bounces_never()
    {
        Assert.Equal(EngagementVerdict.Record, EngagementRules.Judge(Rows.Bounce("a@example.com"), On, SubscriptionStatus.Pending, false));
        Assert.Equal(EngagementVerdict.Record, EngagementRules.Judge(Rows.Bounce("a@example.com"), On, SubscriptionStatus.Subscribed, false));
        Assert.Equal(EngagementVerdict.SoftBounce, EngagementRules.Judge(Rows.Bounce("a@example.com", hard: false), On, SubscriptionStatus.Subscribed, false));
        Assert.Equal(EngagementVerdict.Unsubscribed, EngagementRules.Judge(Rows.Bounce("a@example.com"), On, SubscriptionStatus.Unsubscribed, false));
        Assert.Equal(EngagementVerdict.NotWanted, EngagementRules.Judge(Rows.Bounce("a@example.com"), new EngagementSettings { Enabled = true, HardBounces = false }, SubscriptionStatus.Subscribed, false));
    }

    [Fact]
    public void The_scope_each_target_needs()
    {
        Assert.Null(EngagementScopes.Problem(["base", "contacts:full"], EngagementTarget.Note));
        Assert.Null(EngagementScopes.Problem(["contacts:full", "activities:full"], EngagementTarget.Activity));
        Assert.Contains("activities:full", EngagementScopes.Problem(["base", "contacts:full"], EngagementTarget.Activity), StringComparison.Ordinal);
    }
}
