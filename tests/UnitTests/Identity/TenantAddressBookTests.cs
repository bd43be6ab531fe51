using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.UnitTests.Identity;

public sealed class TenantAddressBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Persons_sharing_an_address_share_one_double_opt_in_and_its_confirmation()
    {
        var book = Book((1, "Anna@Example.com"), (2, "anna@example.com"), (3, "other@example.com"));
        var subscribe = book.PersonRequested(1, User(ContactSignalKind.SubscribeRequested, 1));

        Assert.Equal("anna@example.com", Assert.Single(subscribe.Maileon, w => w.Kind == ContactWorkKind.StartDoubleOptIn).Email);
        Assert.Equal([1L, 2L], subscribe.Fields.Where(f => f.Option == NewsletterOption.AwaitingConfirmation).Select(f => f.PersonId));
        Assert.Equal([1L, 2L], subscribe.Transitions.Select(t => t.PersonId));

        var again = book.PersonRequested(2, User(ContactSignalKind.SubscribeRequested, 2));
        Assert.Empty(again.Maileon);
        Assert.Equal([new PersonFieldUpdate(2, NewsletterOption.AwaitingConfirmation)], again.Fields);

        var confirmed = book.MaileonFact(Maileon(ContactSignalKind.DoiConfirmed, 5, "ANNA@example.com"));
        Assert.Equal([1L, 2L], confirmed.Fields.Where(f => f.Option == NewsletterOption.Subscribed).Select(f => f.PersonId));
        Assert.Equal(SubscriptionStatus.Subscribed, book.StatusOf(2));
        Assert.Equal(SubscriptionStatus.None, book.StatusOf(3));
        Assert.Equal([1L, 2L], book.PersonsWith(" anna@EXAMPLE.com"));
    }

    [Fact]
    public void An_unsubscribe_blocks_the_address_for_every_person_until_one_of_them_asks_again_later()
    {
        var book = Book((1, "anna@example.com"), (2, "anna@example.com"));
        book.PersonRequested(1, User(ContactSignalKind.SubscribeRequested, 1));
        book.MaileonFact(Maileon(ContactSignalKind.DoiConfirmed, 2, "anna@example.com"));

        var unsubscribe = book.PersonRequested(1, User(ContactSignalKind.UnsubscribeRequested, 10));
        Assert.Equal(ContactWorkKind.Unsubscribe, Assert.Single(unsubscribe.Maileon).Kind);
        Assert.Equal([1L, 2L], unsubscribe.Fields.Where(f => f.Option == NewsletterOption.Unsubscribed).Select(f => f.PersonId));

        // Person 2's request was made before the unsubscribe (it arrived late): refused, shown only on person 2.
        var stale = book.PersonRequested(2, User(ContactSignalKind.SubscribeRequested, 9));
        Assert.Empty(stale.Maileon);
        Assert.Equal([new PersonFieldUpdate(2, NewsletterOption.Unsubscribed)], stale.Fields);
        Assert.Equal(SubscriptionStatus.Unsubscribed, book.StatusOf(1));

        var later = book.PersonRequested(2, User(ContactSignalKind.SubscribeRequested, 20));
        Assert.True(later.StartsDoubleOptIn);
        Assert.Equal(SubscriptionStatus.Pending, book.StatusOf(1));
    }

    [Fact]
    public void A_maileon_unsubscribe_reaches_every_person_and_waits_for_whoever_gets_the_address_later()
    {
        var book = Book((1, "anna@example.com"), (2, "bert@example.com"));
        var fact = book.MaileonFact(Maileon(ContactSignalKind.MaileonUnsubscribed, 3, "Carla@example.com"));
        Assert.Empty(fact.Fields);
        Assert.Empty(fact.Maileon);

        // Person 1 asked for the newsletter; its address changes to the unsubscribed one: the wish does not lift the block.
        book.PersonRequested(1, User(ContactSignalKind.SubscribeRequested, 4));
        var moved = book.PersonAddressChanged(1, "carla@example.com", T0.AddMinutes(5), "pipedrive-user:7");
        Assert.Empty(moved.Maileon);
        Assert.Equal([new PersonFieldUpdate(1, NewsletterOption.Unsubscribed)], moved.Fields);
        Assert.Equal(SubscriptionStatus.Unsubscribed, book.StatusOf(1));
    }

    [Fact]
    public void A_confirmation_counts_only_where_this_tenant_has_a_double_opt_in_running()
    {
        var book = Book((1, "anna@example.com"));
        var foreign = book.MaileonFact(Maileon(ContactSignalKind.DoiConfirmed, 1, "anna@example.com"));
        Assert.Empty(foreign.Fields);
        Assert.NotNull(foreign.Note);
        Assert.Equal(SubscriptionStatus.None, book.StatusOf(1));

        book.PersonRequested(1, User(ContactSignalKind.UnsubscribeRequested, 2));
        var late = book.MaileonFact(Maileon(ContactSignalKind.DoiConfirmed, 3, "anna@example.com"));
        Assert.Empty(late.Maileon);
        Assert.Equal(SubscriptionStatus.Unsubscribed, book.StatusOf(1));
    }

    [Fact]
    public void An_address_change_starts_a_double_opt_in_for_the_new_address_and_leaves_the_old_one_alone()
    {
        var book = Book((1, "anna@example.com"), (2, "anna@example.com"));
        book.PersonRequested(1, User(ContactSignalKind.SubscribeRequested, 1));
        book.MaileonFact(Maileon(ContactSignalKind.DoiConfirmed, 2, "anna@example.com"));

        var moved = book.PersonAddressChanged(1, "anna.new@example.com", T0.AddMinutes(3), "pipedrive-user:7");
        var start = Assert.Single(moved.Maileon);
        Assert.Equal((ContactWorkKind.StartDoubleOptIn, "anna.new@example.com"), (start.Kind, start.Email));
        var transition = Assert.Single(moved.Transitions);
        Assert.Equal((SubscriptionStatus.Subscribed, SubscriptionStatus.Pending), (transition.From, transition.To));
        Assert.Equal(SubscriptionStatus.Subscribed, book.StatusOf(2));
        Assert.Equal([2L], book.PersonsWith("anna@example.com"));

        var removed = book.PersonAddressChanged(2, "not an address", T0.AddMinutes(4), "pipedrive-user:7");
        Assert.Empty(removed.Maileon);
        Assert.Equal([new PersonFieldUpdate(2, null)], removed.Fields);
        Assert.Equal(SubscriptionStatus.None, book.StatusOf(2));
        Assert.Equal(SubscriptionStatus.Subscribed, book.Addresses["anna@example.com"].State.Status);
    }

    [Fact]
    public void A_request_without_an_address_waits_for_one()
    {
        var book = Book((1, null));
        var waiting = book.PersonRequested(1, User(ContactSignalKind.SubscribeRequested, 1));
        Assert.Empty(waiting.Maileon);
        Assert.NotNull(waiting.Note);

        var added = book.PersonAddressChanged(1, "anna@example.com", T0.AddMinutes(2), "pipedrive-user:7");
        Assert.True(added.StartsDoubleOptIn);
        Assert.Equal(SubscriptionStatus.Pending, book.StatusOf(1));
    }

    private static TenantAddressBook Book(params (long Person, string? Email)[] persons)
    {
        var book = new TenantAddressBook();
        foreach (var (person, email) in persons)
        {
            book.PersonAddressChanged(person, email, T0, "reconciliation");
        }

        return book;
    }

    private static ContactSignal User(ContactSignalKind kind, int minute) => new(kind, T0.AddMinutes(minute), "pipedrive-user:7", "webhook");

    private static ContactSignal Maileon(ContactSignalKind kind, int minute, string email) =>
        new(kind, T0.AddMinutes(minute), "maileon", "webhook") { Email = email };
}
