using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Identity;

namespace PipedriveMaileon.UnitTests.Identity;

/// <summary>
/// Persons stored before addresses held consent hand it to their address: nobody loses consent they had, and among
/// persons sharing an address an unsubscribe wins unless a request came after it.
/// </summary>
public sealed class LegacyConsentMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(SubscriptionStatus.Subscribed)]
    [InlineData(SubscriptionStatus.Pending)]
    [InlineData(SubscriptionStatus.Unsubscribed)]
    public void The_first_person_to_hand_over_gives_the_address_its_status(SubscriptionStatus status)
    {
        var address = new SubscriptionState();

        LegacyConsentMerge.Merge(address, Legacy(status, T0));

        Assert.Equal(status, address.Status);
        Assert.Equal(T0, address.LastRequestAt);
    }

    [Fact]
    public void An_unsubscribe_later_than_every_request_wins_over_a_subscription_of_another_person()
    {
        var address = Address(SubscriptionStatus.Subscribed, requestAt: T0);

        LegacyConsentMerge.Merge(address, Legacy(SubscriptionStatus.Unsubscribed, T0.AddMinutes(1), unsubscribedAt: T0.AddMinutes(1)));

        Assert.Equal(SubscriptionStatus.Unsubscribed, address.Status);
        Assert.Equal(T0.AddMinutes(1), address.UnsubscribedAt);
    }

    [Fact]
    public void A_request_made_after_the_unsubscribe_keeps_its_subscription()
    {
        var address = Address(SubscriptionStatus.Unsubscribed, requestAt: T0, unsubscribedAt: T0);

        LegacyConsentMerge.Merge(address, Legacy(SubscriptionStatus.Subscribed, T0.AddHours(1)));

        Assert.Equal(SubscriptionStatus.Subscribed, address.Status);
        Assert.Equal(T0.AddHours(1), address.LastRequestAt);
    }

    [Fact]
    public void A_confirmed_subscription_wins_over_a_pending_one_and_nobody_handing_over_nothing_changes_it()
    {
        var address = Address(SubscriptionStatus.Pending, requestAt: T0.AddMinutes(5));

        LegacyConsentMerge.Merge(address, Legacy(SubscriptionStatus.Subscribed, T0));
        LegacyConsentMerge.Merge(address, Legacy(SubscriptionStatus.None, T0.AddMinutes(9)));

        Assert.Equal(SubscriptionStatus.Subscribed, address.Status);
    }

    private static SubscriptionState Address(SubscriptionStatus status, DateTimeOffset requestAt, DateTimeOffset? unsubscribedAt = null) =>
        new() { Status = status, StatusSince = requestAt, LastRequestAt = requestAt, UnsubscribedAt = unsubscribedAt };

    private static LegacyConsent Legacy(SubscriptionStatus status, DateTimeOffset requestAt, DateTimeOffset? unsubscribedAt = null) => new()
    {
        Status = status,
        StatusSince = requestAt,
        LastRequestAt = status == SubscriptionStatus.None ? null : requestAt,
        UnsubscribedAt = unsubscribedAt ?? (status == SubscriptionStatus.Unsubscribed ? requestAt : null),
    };
}
