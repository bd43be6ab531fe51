using System.ComponentModel.DataAnnotations;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.UnitTests.Reconciliation;

public sealed class MaileonFactsTests
{
    private const long CompanyId = 8087566;
    private static readonly MaileonWallClock Utc = new(TimeZoneInfo.Utc);
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static MaileonContact Contact(
        string? externalId = "pd-8087566-456",
        MaileonPermissionLevel? permission = MaileonPermissionLevel.DoubleOptIn,
        string? email = "max@example.com",
        long? id = 15975220,
        bool anonymous = false) =>
        new(id, email, externalId, permission, new DateTime(2026, 2, 1, 8, 0, 0), new DateTime(2026, 3, 1, 9, 30, 0),
            new Dictionary<string, string?>(), new Dictionary<string, string?>())
        { Anonymous = anonymous };

    [Theory]
    [InlineData("pd-8087566-456")] // this tenant's contact
    [InlineData("pd-999-456")] // another tenant sharing the Maileon account: one contact, so its unsubscribe is ours too
    [InlineData("shop-42")] // another system's contact
    [InlineData(null)]
    public void AnUnsubscriptionBecomesTheWebhookEventItReplacesWhoeverCreatedTheContact(string? externalId)
    {
        var fact = MaileonFacts.FromUnsubscription(new MaileonUnsubscription(At, 15975220, " Max@Example.com ", externalId, 3108, "link"));

        Assert.NotNull(fact);
        var e = fact.Event;
        Assert.Equal(MaileonEventKind.Unsubscribed, e.Kind);
        Assert.Equal("Max@Example.com", e.Email);
        Assert.Equal(externalId, e.ExternalId);
        Assert.Equal(15975220, e.MaileonContactId);
        Assert.Equal(At, e.Timestamp);
        Assert.Equal("3108", e.MailingId);
        Assert.Equal($"reconciliation:unsubscription:max@example.com:15975220:{At.ToUnixTimeMilliseconds()}", e.EventId);
    }

    [Fact]
    public void TheSameUnsubscriptionReadTwiceHasTheSameEventIdAndANewOneADifferentOne()
    {
        var first = new MaileonUnsubscription(At, 15975220, "max@example.com", "pd-8087566-456", null, "api");

        var again = MaileonFacts.FromUnsubscription(first)!.Event.EventId;
        var later = MaileonFacts.FromUnsubscription(first with { Timestamp = At.AddDays(1), ContactId = 15975999 })!.Event.EventId;

        Assert.Equal(MaileonFacts.FromUnsubscription(first)!.Event.EventId, again);
        Assert.NotEqual(again, later);
    }

    [Theory]
    [InlineData("pd-8087566-456", null)] // anonymised without address
    [InlineData("pd-8087566-456", " ")]
    [InlineData("pd-8087566-456", "Max <max@example.com>")] // not an address Maileon accepts
    public void UnsubscriptionsWithoutAUsableAddressAreSkipped(string? externalId, string? email)
    {
        Assert.Null(MaileonFacts.FromUnsubscription(new MaileonUnsubscription(At, 1, email, externalId, null, "link")));
    }

    [Theory]
    [InlineData(MaileonPermissionLevel.DoubleOptIn, "pd-8087566-456")]
    [InlineData(MaileonPermissionLevel.DoubleOptInPlus, "pd-8087566-456")]
    [InlineData(MaileonPermissionLevel.DoubleOptIn, "shop-42")] // the address decides whether this tenant had a DOI running
    [InlineData(MaileonPermissionLevel.DoubleOptIn, null)]
    public void AConfirmedContactIsADoiConfirmationForItsAddress(MaileonPermissionLevel permission, string? externalId)
    {
        var fact = MaileonFacts.FromContact(Contact(externalId, permission: permission), Utc);

        Assert.NotNull(fact);
        Assert.Equal(MaileonEventKind.DoiConfirmed, fact.Event.Kind);
        Assert.Equal("max@example.com", fact.Event.Email);
        Assert.Equal(At, fact.Event.Timestamp);
        Assert.Equal("reconciliation:doi:15975220", fact.Event.EventId);
    }

    [Fact]
    public void ADoiConfirmationIsOneFactPerMaileonContactWhateverItsLaterUpdates()
    {
        var first = MaileonFacts.FromContact(Contact(), Utc)!.Event.EventId;
        var updatedLater = MaileonFacts.FromContact(Contact() with { Updated = new DateTime(2026, 3, 2) }, Utc)!.Event.EventId;
        var resubscribed = MaileonFacts.FromContact(Contact(id: 16000000), Utc)!.Event.EventId;

        Assert.Equal(first, updatedLater);
        Assert.NotEqual(first, resubscribed);
    }

    [Theory]
    [InlineData(MaileonPermissionLevel.None, "pd-8087566-456", "max@example.com", false)]
    [InlineData(MaileonPermissionLevel.SingleOptIn, "pd-8087566-456", "max@example.com", false)]
    [InlineData(MaileonPermissionLevel.DoubleOptIn, "pd-8087566-456", null, false)]
    [InlineData(MaileonPermissionLevel.DoubleOptIn, "pd-8087566-456", "max@example.com", true)]
    public void OtherContactsAreSkipped(MaileonPermissionLevel permission, string? externalId, string? email, bool anonymous)
    {
        Assert.Null(MaileonFacts.FromContact(Contact(externalId, permission, email, anonymous: anonymous), Utc));
    }

    [Fact]
    public void ContactTimesAreReadInTheAccountsZone()
    {
        var berlin = new MaileonWallClock(new ReconciliationOptions { MaileonTimeZone = "Europe/Berlin" }.MaileonZone());

        var fact = MaileonFacts.FromContact(Contact(), berlin);

        Assert.Equal(At.AddHours(-1), fact!.Event.Timestamp);
        Assert.Equal(new DateTime(2026, 7, 1, 12, 0, 0), berlin.ToWallClock(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void WallClockTimesSkippedOrRepeatedByDaylightSavingTakeTheStandardOffset()
    {
        var berlin = new MaileonWallClock(new ReconciliationOptions { MaileonTimeZone = "Europe/Berlin" }.MaileonZone());

        Assert.Equal(TimeSpan.FromHours(1), berlin.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0)).Offset);
        Assert.Equal(TimeSpan.FromHours(1), berlin.ToInstant(new DateTime(2026, 10, 25, 2, 30, 0)).Offset);
        Assert.Equal(TimeSpan.FromHours(2), berlin.ToInstant(new DateTime(2026, 7, 1, 12, 0, 0)).Offset);
    }

    [Fact]
    public void OptionsRejectAnUnknownTimeZoneAndOutOfRangeValues()
    {
        static List<ValidationResult> Validate(ReconciliationOptions options)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
            return results;
        }

        Assert.Empty(Validate(new ReconciliationOptions()));
        Assert.Contains(Validate(new ReconciliationOptions { MaileonTimeZone = "Mars/Olympus" }), r => r.MemberNames.Contains("MaileonTimeZone"));
        Assert.Contains(Validate(new ReconciliationOptions { BudgetShare = 1.5 }), r => r.MemberNames.Contains("BudgetShare"));
        Assert.Contains(Validate(new ReconciliationOptions { IntervalMinutes = 0 }), r => r.MemberNames.Contains("IntervalMinutes"));
        Assert.Equal(TimeSpan.FromMinutes(15), new ReconciliationOptions().Interval);
        Assert.Equal(0.1, new ReconciliationOptions().BudgetShare);
    }
}
