using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.UnitTests.Engagement;

public sealed class EngagementRoutingTests
{
    private static readonly EngagementSettings On = new() { Enabled = true };

    [Fact]
    public void Rows_reach_every_person_with_the_address_and_the_rest_are_counted_by_reason()
    {
        var book = new TenantAddressBook();
        Add(book, "shared@example.com", SubscriptionStatus.Subscribed, 1, 2);
        Add(book, "left@example.com", SubscriptionStatus.Unsubscribed, 3);
        Add(book, "never@example.com", SubscriptionStatus.None, 4);
        Add(book, "deleted@example.com", SubscriptionStatus.Subscribed, 5);

        var route = EngagementRouting.Route(
            [
                Rows.Open("Shared@Example.com"), Rows.Click("shared@example.com", "https://x.example", second: 1),
                Rows.Open("left@example.com"), Rows.Open("never@example.com"), Rows.Open("deleted@example.com"),
                Rows.Open("stranger@example.com"), Rows.Anonymous(), Rows.Bounce("shared@example.com", hard: false),
            ],
            book, On, person => person == 5);

        Assert.Equal([1L, 2L], route.ByPerson.Keys.Order());
        Assert.All(route.ByPerson.Values, rows => Assert.Equal(2, rows.Count));
        Assert.Equal(4, route.CountOf(EngagementVerdict.Record));
        Assert.Equal(1, route.CountOf(EngagementVerdict.Unsubscribed));
        Assert.Equal(1, route.CountOf(EngagementVerdict.NotSubscribedHere));
        Assert.Equal(1, route.CountOf(EngagementVerdict.PersonDeleted));
        Assert.Equal(1, route.CountOf(EngagementVerdict.NoPerson));
        Assert.Equal(1, route.CountOf(EngagementVerdict.NotPersonal));
        Assert.Equal(2, route.CountOf(EngagementVerdict.SoftBounce));
    }

    [Fact]
    public void With_the_setting_off_nothing_is_routed()
    {
        var book = new TenantAddressBook();
        Add(book, "shared@example.com", SubscriptionStatus.Subscribed, 1);
        var route = EngagementRouting.Route([Rows.Open("shared@example.com"), Rows.Open("stranger@example.com")], book, new EngagementSettings(), _ => false);
        Assert.Empty(route.ByPerson);
        Assert.Equal(2, route.CountOf(EngagementVerdict.NotWanted));
    }

    private static void Add(TenantAddressBook book, string email, SubscriptionStatus status, params long[] persons)
    {
        book.Addresses[email] = new AddressConsent { Address = email, State = new SubscriptionState { Status = status }, Persons = [.. persons] };
        foreach (var person in persons)
        {
            book.Persons[person] = new PersonAddress { Address = email };
        }
    }
}
