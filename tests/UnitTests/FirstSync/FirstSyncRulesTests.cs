using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.UnitTests.FirstSync;

public sealed class FirstSyncRulesTests
{
    private static readonly MaileonAddressFacts Doi = new(MaileonPermissionLevel.DoubleOptIn, false);
    private static readonly MaileonAddressFacts Unsubscribed = new(null, true);

    [Theory]
    [InlineData(NewsletterOption.Subscribe, null, false, FirstSyncAction.SendDoi, NewsletterOption.AwaitingConfirmation)]
    [InlineData(NewsletterOption.Subscribed, MaileonPermissionLevel.SingleOptIn, false, FirstSyncAction.SendDoi, NewsletterOption.AwaitingConfirmation)]
    [InlineData(NewsletterOption.Subscribe, MaileonPermissionLevel.ConfirmedOptIn, false, FirstSyncAction.SendDoi, NewsletterOption.AwaitingConfirmation)]
    [InlineData(NewsletterOption.Subscribe, MaileonPermissionLevel.Other, false, FirstSyncAction.SendDoi, NewsletterOption.AwaitingConfirmation)]
    [InlineData(NewsletterOption.AwaitingConfirmation, null, false, FirstSyncAction.SendDoi, null)]
    [InlineData(NewsletterOption.AwaitingConfirmation, MaileonPermissionLevel.None, false, FirstSyncAction.AwaitConfirmation, null)]
    [InlineData(NewsletterOption.Subscribe, MaileonPermissionLevel.None, false, FirstSyncAction.SendDoi, NewsletterOption.AwaitingConfirmation)]
    [InlineData(NewsletterOption.Subscribe, MaileonPermissionLevel.DoubleOptIn, false, FirstSyncAction.MarkSubscribed, NewsletterOption.Subscribed)]
    [InlineData(NewsletterOption.Subscribed, MaileonPermissionLevel.DoubleOptInPlus, false, FirstSyncAction.MarkSubscribed, null)]
    [InlineData(NewsletterOption.Subscribed, MaileonPermissionLevel.DoubleOptIn, true, FirstSyncAction.MarkUnsubscribed, NewsletterOption.Unsubscribed)]
    public void A_marked_person_gets_a_mail_only_where_maileon_holds_no_confirmed_double_opt_in(
        NewsletterOption meaning, MaileonPermissionLevel? permission, bool blockedInTenant, FirstSyncAction action, NewsletterOption? write)
    {
        var decision = FirstSyncRules.Decide(new ScannedPerson(7, "Anna@Example.com", meaning), new MaileonAddressFacts(permission, false), blockedInTenant);
        Assert.Equal((action, write, "anna@example.com"), (decision.Action, decision.FieldWrite, decision.Address));
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void An_address_unsubscribed_in_maileon_wins_over_any_mark_and_nothing_is_unsubscribed_in_maileon()
    {
        foreach (var meaning in new[] { NewsletterOption.Subscribe, NewsletterOption.AwaitingConfirmation, NewsletterOption.Subscribed })
        {
            var decision = FirstSyncRules.Decide(new ScannedPerson(1, "a@example.com", meaning), Unsubscribed, false);
            Assert.Equal((FirstSyncAction.MarkUnsubscribed, NewsletterOption.Unsubscribed), (decision.Action, decision.FieldWrite));
            Assert.False(decision.WritesMaileon);
        }

        var shown = FirstSyncRules.Decide(new ScannedPerson(1, "a@example.com", NewsletterOption.Unsubscribed), Doi, false);
        Assert.Equal((FirstSyncAction.MarkUnsubscribed, (NewsletterOption?)null), (shown.Action, shown.FieldWrite));
        Assert.False(shown.WritesMaileon);
    }

    [Theory]
    [InlineData(null, NewsletterOption.Subscribe, FirstSyncAction.SkipNoEmail)]
    [InlineData("  ", NewsletterOption.Subscribed, FirstSyncAction.SkipNoEmail)]
    [InlineData("anna(at)example.com", NewsletterOption.Subscribe, FirstSyncAction.SkipInvalidEmail)]
    [InlineData("anna(at)example.com", null, FirstSyncAction.Nothing)]
    [InlineData("anna@example.com", null, FirstSyncAction.Nothing)]
    public void Unmarked_persons_are_left_alone_and_marked_ones_without_a_usable_address_are_skipped(string? email, NewsletterOption? meaning, FirstSyncAction action)
    {
        var decision = FirstSyncRules.Decide(new ScannedPerson(1, email, meaning), Doi, false);
        Assert.Equal(action, decision.Action);
        Assert.Null(decision.FieldWrite);
    }

    [Fact]
    public void The_scan_decides_per_address_and_the_preview_counts_one_mail_per_address()
    {
        var scan = new FirstSyncScan();
        scan.Add([
            new ScannedPerson(1, "shared@example.com", NewsletterOption.Subscribe),
            new ScannedPerson(2, "SHARED@example.com", NewsletterOption.Subscribed),
            new ScannedPerson(3, "blocked@example.com", NewsletterOption.Subscribe),
            new ScannedPerson(4, "Blocked@example.com", NewsletterOption.Unsubscribed),
            new ScannedPerson(5, "doi@example.com", NewsletterOption.Subscribe),
            new ScannedPerson(6, "gone@example.com", NewsletterOption.Subscribed),
            new ScannedPerson(7, null, NewsletterOption.Subscribe),
            new ScannedPerson(8, "nobody@example.com", null),
        ]);
        scan.Add([new ScannedPerson(8, "nobody@example.com", null)]);
        Assert.Equal(["blocked@example.com", "doi@example.com", "gone@example.com", "shared@example.com"], scan.AddressesToLookUp().Order(StringComparer.Ordinal));

        var facts = new Dictionary<string, MaileonAddressFacts> { ["doi@example.com"] = Doi, ["gone@example.com"] = Unsubscribed };
        var decisions = scan.Classify(a => facts.GetValueOrDefault(a, MaileonAddressFacts.Absent));
        Assert.Equal(
            [FirstSyncAction.SendDoi, FirstSyncAction.SendDoi, FirstSyncAction.MarkUnsubscribed, FirstSyncAction.MarkUnsubscribed,
             FirstSyncAction.MarkSubscribed, FirstSyncAction.MarkUnsubscribed, FirstSyncAction.SkipNoEmail, FirstSyncAction.Nothing],
            decisions.Select(d => d.Action));

        var preview = FirstSyncPreview.Of(decisions);
        Assert.Equal(8, preview.Persons);
        Assert.Equal(2, preview.Count(FirstSyncAction.SendDoi));
        Assert.Equal(1, preview.DoiMails);
        Assert.Equal(3, preview.Count(FirstSyncAction.MarkUnsubscribed));
        Assert.Equal(2, preview.MaileonWrites);
        Assert.Equal(5, preview.FieldWrites);
    }

    [Fact]
    public void An_active_contact_is_newer_than_any_unsubscription_of_its_address()
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal) { "a@example.com", "b@example.com" };
        var lookup = new MaileonLookup();
        lookup.SawContact(Contact("A@example.com", MaileonPermissionLevel.SingleOptIn), wanted);
        lookup.SawContact(Contact("b@example.com", MaileonPermissionLevel.DoubleOptIn) with { Anonymous = true }, wanted);
        lookup.SawContact(Contact("other@example.com", MaileonPermissionLevel.DoubleOptIn), wanted);
        lookup.SawUnsubscription(new MaileonUnsubscription(null, 1, "a@example.com", null, null, "link"), wanted);
        lookup.SawUnsubscription(new MaileonUnsubscription(null, 2, "B@example.com", null, null, "link"), wanted);

        Assert.Equal(new MaileonAddressFacts(MaileonPermissionLevel.SingleOptIn, false), lookup.FactsOf("a@example.com"));
        Assert.Equal(new MaileonAddressFacts(null, true), lookup.FactsOf("b@example.com"));
        Assert.Equal(MaileonAddressFacts.Absent, lookup.FactsOf("other@example.com"));
    }

    [Fact]
    public void Among_several_contacts_of_an_address_a_confirmed_double_opt_in_counts()
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal) { "a@example.com" };
        var lookup = new MaileonLookup();
        lookup.SawContact(Contact("a@example.com", MaileonPermissionLevel.DoubleOptInPlus), wanted);
        lookup.SawContact(Contact("a@example.com", MaileonPermissionLevel.None), wanted);
        Assert.True(lookup.FactsOf("a@example.com").HasConfirmedDoubleOptIn);
    }

    [Theory]
    [InlineData(1, 0, MaileonLookupMode.List)]
    [InlineData(4, 3, MaileonLookupMode.List)]
    [InlineData(5, 3, MaileonLookupMode.PerAddress)]
    [InlineData(null, 0, MaileonLookupMode.List)]
    public void The_contact_list_is_read_unless_asking_address_by_address_needs_fewer_calls(int? pages, int addresses, MaileonLookupMode mode)
    {
        var lookup = new MaileonLookup();
        lookup.ChooseMode(pages, addresses);
        Assert.Equal(mode, lookup.Mode);
    }

    private static MaileonContact Contact(string email, MaileonPermissionLevel permission) =>
        new(5, email, null, permission, null, null, new Dictionary<string, string?>(), new Dictionary<string, string?>());
}
