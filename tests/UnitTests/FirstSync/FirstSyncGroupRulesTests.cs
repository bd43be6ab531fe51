using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.UnitTests.FirstSync;

/// <summary>The first sync's decision for the persons sharing one address, as the address grain applies it.</summary>
public sealed class FirstSyncGroupRulesTests
{
    private const string Address = "team@example.com";
    private static readonly DateTimeOffset ScannedFrom = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly AddressContext Context = new(1, Address, ScannedFrom.AddMinutes(30));

    [Fact]
    public void Persons_sharing_an_address_get_one_DOI_mail_and_those_not_marked_are_only_registered()
    {
        var state = new AddressState();
        var group = Group(
            Member(1, FirstSyncAction.SendDoi, NewsletterOption.Subscribe),
            Member(2, FirstSyncAction.SendDoi, NewsletterOption.Subscribed),
            Member(3, FirstSyncAction.Nothing, null));

        Assert.True(FirstSyncGroupRules.Apply(state, group, Context));

        Assert.Equal(SubscriptionStatus.Pending, state.Entry.State.Status);
        Assert.Equal([1L, 2L, 3L], state.Entry.Persons);
        Assert.Equal([3L], state.Quiet);
        var doi = Assert.Single(state.Outbox.Entries, e => e.Work.Kind == AddressWorkKind.StartDoubleOptIn).Work;
        Assert.Equal((1L, "Person 1"), (doi.PersonId, doi.Person!.Name));
        var notices = Notices(state);
        Assert.Equal([1L, 2L, 3L], notices.Select(n => n.PersonId!.Value));
        Assert.All(notices, n => Assert.True(n.Register));
        Assert.All(notices, n => Assert.False(n.WriteField)); // the field shows "Awaiting confirmation" once Maileon took the contact
        Assert.Equal([FirstSyncGroupRules.Source, FirstSyncGroupRules.Source], notices.Where(n => n.Ledger is not null).Select(n => n.Ledger!.Source));
        Assert.Null(notices.Single(n => n.PersonId == 3).Ledger);
    }

    [Fact]
    public void An_unsubscribe_of_one_person_wins_for_the_address_and_nothing_is_sent_to_Maileon()
    {
        var state = new AddressState();
        var group = Group(Member(1, FirstSyncAction.SendDoi, NewsletterOption.Subscribe), Member(2, FirstSyncAction.MarkUnsubscribed, NewsletterOption.Unsubscribed));

        FirstSyncGroupRules.Apply(state, group, Context);

        Assert.Equal(SubscriptionStatus.Unsubscribed, state.Entry.State.Status);
        Assert.Equal(ScannedFrom, state.Entry.State.UnsubscribedAt);
        Assert.DoesNotContain(state.Outbox.Entries, e => e.Work.Kind != AddressWorkKind.Notify);
        Assert.All(Notices(state), n => Assert.True(n.WriteField && n.Ledger is { To: SubscriptionStatus.Unsubscribed }));
    }

    [Fact]
    public void A_confirmed_double_opt_in_in_Maileon_makes_the_address_subscribed_without_a_mail()
    {
        var state = new AddressState();

        FirstSyncGroupRules.Apply(state, Group(Member(1, FirstSyncAction.MarkSubscribed, NewsletterOption.Subscribe)), Context);

        Assert.Equal(SubscriptionStatus.Subscribed, state.Entry.State.Status);
        var notice = Assert.Single(Notices(state));
        Assert.True(notice.WriteField);
        Assert.Equal((SubscriptionStatus.None, SubscriptionStatus.Subscribed), (notice.Ledger!.From, notice.Ledger.To));
        Assert.Single(state.Outbox.Entries);
    }

    [Fact]
    public void A_repeated_group_is_a_duplicate_and_a_change_the_address_saw_after_the_scan_wins()
    {
        var state = new AddressState();
        var group = Group(Member(1, FirstSyncAction.SendDoi, NewsletterOption.Subscribe));
        FirstSyncGroupRules.Apply(state, group, Context);
        var entries = state.Outbox.Entries.Count;
        Assert.False(FirstSyncGroupRules.Apply(state, group, Context));
        Assert.Equal(entries, state.Outbox.Entries.Count);

        // A person unsubscribed after the scan had read it: the first sync only registers the persons.
        var live = new AddressState();
        live.Entry.State.Status = SubscriptionStatus.Unsubscribed;
        live.Entry.State.StatusSince = ScannedFrom.AddMinutes(5);
        Assert.True(FirstSyncGroupRules.Apply(live, group with { SyncId = "another" }, Context));
        Assert.Equal(SubscriptionStatus.Unsubscribed, live.Entry.State.Status);
        var notice = Assert.Single(Notices(live));
        Assert.True(notice.Register);
        Assert.False(notice.WriteField);
        Assert.Null(notice.Ledger);
        Assert.DoesNotContain(live.Outbox.Entries, e => e.Work.Kind == AddressWorkKind.StartDoubleOptIn);
    }

    [Theory]
    [InlineData(new[] { FirstSyncAction.SendDoi, FirstSyncAction.MarkUnsubscribed }, FirstSyncAction.MarkUnsubscribed)]
    [InlineData(new[] { FirstSyncAction.MarkSubscribed, FirstSyncAction.SendDoi }, FirstSyncAction.SendDoi)]
    [InlineData(new[] { FirstSyncAction.AwaitConfirmation, FirstSyncAction.MarkSubscribed }, FirstSyncAction.MarkSubscribed)]
    [InlineData(new[] { FirstSyncAction.Nothing, FirstSyncAction.AwaitConfirmation }, FirstSyncAction.AwaitConfirmation)]
    [InlineData(new[] { FirstSyncAction.Nothing }, null)]
    public void The_address_becomes_the_strongest_action_of_its_persons(FirstSyncAction[] actions, FirstSyncAction? target) =>
        Assert.Equal(target, FirstSyncGroupRules.Target([.. actions.Select((a, i) => Member(i + 1, a, null))]));

    private static FirstSyncGroup Group(params FirstSyncMember[] members) => new() { SyncId = "sync-1", ScannedFrom = ScannedFrom, Members = members };

    private static FirstSyncMember Member(long id, FirstSyncAction action, NewsletterOption? fieldNow) => new()
    {
        PersonId = id, Action = action, FieldNow = fieldNow, Reason = $"reason {id}", Name = $"Person {id}", Email = "Team@example.com",
    };

    private static List<AddressWork> Notices(AddressState state) =>
        [.. state.Outbox.Entries.Where(e => e.Work.Kind == AddressWorkKind.Notify).Select(e => e.Work)];
}
