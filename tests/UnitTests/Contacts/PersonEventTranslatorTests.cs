using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using static PipedriveMaileon.Grains.Contacts.ContactSignalKind;

namespace PipedriveMaileon.UnitTests.Contacts;

/// <summary>Person webhooks read in consent terms (<see cref="PersonEventTranslator"/>) and the field-by-field person merge (<see cref="KnownPerson"/>).</summary>
public sealed class PersonEventTranslatorTests
{
    private const string Key = "5d1c0a2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b";
    private const long AppUser = 1001;
    private const long Colleague = 2002;
    private const string A = "anna@example.com";
    private const string B = "bert@example.com";
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static readonly NewsletterFieldConfig Newsletter = new(Key, 77, new Dictionary<NewsletterOption, long>
    {
        [NewsletterOption.Subscribe] = 11,
        [NewsletterOption.AwaitingConfirmation] = 12,
        [NewsletterOption.Subscribed] = 13,
        [NewsletterOption.Unsubscribed] = 14,
    });

    private static PersonFieldValue Option(long? id) => id is null ? PersonFieldValue.Empty : new PersonFieldValue { OptionId = id };

    private static PipedriveEventMeta Meta(PipedriveAction action = PipedriveAction.Change, long? user = Colleague, string source = "app", int version = 2) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        CompanyId = 42,
        Entity = PipedriveEntity.Person,
        Action = action,
        EntityId = 456,
        UserId = user,
        Timestamp = At,
        ChangeSource = source,
        Version = version,
    };

    /// <summary>A snapshot carrying the Newsletter value (when <paramref name="newsletter"/> is given) and, with <paramref name="emails"/>, the addresses.</summary>
    private static PersonSnapshot Person(long? newsletter = null, bool withNewsletter = true, string[]? emails = null, params string[] present)
    {
        var fields = new HashSet<string>(present, StringComparer.Ordinal);
        if (emails is not null)
        {
            fields.Add("emails");
        }

        return new PersonSnapshot
        {
            Id = 456,
            Emails = emails ?? [],
            PrimaryEmail = emails?.FirstOrDefault(),
            CustomFields = withNewsletter ? new Dictionary<string, PersonFieldValue> { [Key] = Option(newsletter) } : new Dictionary<string, PersonFieldValue>(),
            PresentFields = fields,
        };
    }

    private static IReadOnlyList<ContactSignal> Translate(PersonEvent e, string? emailBefore = A, bool emailKnownBefore = true) =>
        PersonEventTranslator.Translate(e, Newsletter, AppUser, emailBefore, emailKnownBefore);

    [Fact]
    public void CreateWithSubscribeAsksForASubscription()
    {
        var signals = Translate(new PersonEvent(Meta(PipedriveAction.Create), Person(11, emails: [A]), null), emailBefore: null, emailKnownBefore: false);

        var signal = Assert.Single(signals);
        Assert.Equal(SubscribeRequested, signal.Kind);
        Assert.Equal(A, signal.Email);
        Assert.Equal(At, signal.At);
        Assert.Equal($"pipedrive-user:{Colleague}", signal.Actor);
        Assert.Equal("webhook", signal.Source);
    }

    [Fact]
    public void CreateWithoutNewsletterValueAsksNothing() =>
        Assert.Empty(Translate(new PersonEvent(Meta(PipedriveAction.Create), Person(null, emails: [A]), null), emailBefore: null, emailKnownBefore: false));

    [Fact]
    public void CreateWithoutAddressStillRequestsSoTheStateMachineCanWaitForOne()
    {
        var signal = Assert.Single(Translate(new PersonEvent(Meta(PipedriveAction.Create), Person(11, emails: []), null), emailBefore: null, emailKnownBefore: false));
        Assert.Equal(SubscribeRequested, signal.Kind);
        Assert.Null(signal.Email);
    }

    [Theory]
    [InlineData(11L, SubscribeRequested)]
    [InlineData(14L, UnsubscribeRequested)]
    [InlineData(12L, FieldOverwritten)]
    [InlineData(13L, FieldOverwritten)]
    [InlineData(null, FieldOverwritten)]
    [InlineData(99L, FieldOverwritten)]
    public void V2ChangeWithNewsletterInPreviousIsARequest(long? now, ContactSignalKind expected)
    {
        var previous = Person(now == 13 ? 12 : 13);
        var signal = Assert.Single(Translate(new PersonEvent(Meta(), Person(now), previous)));
        Assert.Equal(expected, signal.Kind);
        Assert.Equal(A, signal.Email);
    }

    [Fact]
    public void V2ChangeFromEmptyToSubscribeIsARequest() =>
        Assert.Equal(SubscribeRequested, Assert.Single(Translate(new PersonEvent(Meta(), Person(11), Person(null)))).Kind);

    [Fact]
    public void V2ChangeWithoutNewsletterInPreviousAsksNothing()
    {
        // data carries the current value (Subscribe) but previous says only the name changed.
        var previous = Person(withNewsletter: false, present: "name") with { Name = "Old" };
        Assert.Empty(Translate(new PersonEvent(Meta(), Person(11), previous)));
    }

    [Fact]
    public void V2ChangeWithSameOptionInPreviousAsksNothing() =>
        Assert.Empty(Translate(new PersonEvent(Meta(), Person(11), Person(11))));

    [Fact]
    public void V1FullPreviousWithoutTheFieldMeansItWasEmpty() =>
        Assert.Equal(SubscribeRequested, Assert.Single(Translate(new PersonEvent(Meta(version: 1), Person(11), Person(withNewsletter: false)))).Kind);

    [Fact]
    public void V1FullPreviousWithTheSameValueAsksNothing() =>
        Assert.Empty(Translate(new PersonEvent(Meta(version: 1), Person(14), Person(14))));

    [Fact]
    public void V1FullPreviousWithoutTheFieldAndEmptyNowAsksNothing() =>
        Assert.Empty(Translate(new PersonEvent(Meta(version: 1), Person(null), Person(withNewsletter: false))));

    [Fact]
    public void CurrentWithoutTheFieldAsksNothing() =>
        Assert.Empty(Translate(new PersonEvent(Meta(), Person(withNewsletter: false), Person(11))));

    [Fact]
    public void DeleteAsksNothing() =>
        Assert.Empty(Translate(new PersonEvent(Meta(PipedriveAction.Delete), null, Person(13, emails: [A]))));

    [Fact]
    public void EchoOfTheAppsOwnWriteIsIgnored()
    {
        var echo = new PersonEvent(Meta(user: AppUser, source: "api"), Person(12), Person(11));
        Assert.Empty(Translate(echo));
        Assert.True(PersonEventTranslator.IsEcho(echo.Meta, AppUser));
        Assert.True(PersonEventTranslator.IsEcho(Meta(user: AppUser, source: "API"), AppUser));
    }

    [Fact]
    public void InstallingUserChangingTheFieldInTheUiIsNotAnEcho()
    {
        var signal = Assert.Single(Translate(new PersonEvent(Meta(user: AppUser, source: "app"), Person(11), Person(null))));
        Assert.Equal(SubscribeRequested, signal.Kind);
        Assert.Equal($"pipedrive-user:{AppUser}", signal.Actor);
    }

    [Fact]
    public void AnotherIntegrationWritingThroughTheApiIsNotAnEcho() =>
        Assert.Equal(UnsubscribeRequested, Assert.Single(Translate(new PersonEvent(Meta(user: Colleague, source: "api"), Person(14), Person(13)))).Kind);

    [Fact]
    public void EventWithoutUserIsNotAnEchoAndNamesPipedriveAsActor()
    {
        var signal = Assert.Single(Translate(new PersonEvent(Meta(user: null, source: "api"), Person(11), Person(null))));
        Assert.Equal("pipedrive", signal.Actor);
    }

    [Fact]
    public void EmailChangeComesFirstAndTheRequestUsesTheNewAddress()
    {
        var signals = Translate(new PersonEvent(Meta(), Person(11, emails: [B]), Person(null, emails: [A])));

        Assert.Equal([EmailChanged, SubscribeRequested], signals.Select(s => s.Kind));
        Assert.All(signals, s => Assert.Equal(B, s.Email));
    }

    [Fact]
    public void EmailChangeAloneIsDetected()
    {
        var signal = Assert.Single(Translate(new PersonEvent(Meta(), Person(withNewsletter: false, emails: [B]), Person(withNewsletter: false, emails: [A]))));
        Assert.Equal(EmailChanged, signal.Kind);
        Assert.Equal(B, signal.Email);
    }

    [Fact]
    public void EmailRemovedIsAChangeToNoAddress()
    {
        var signal = Assert.Single(Translate(new PersonEvent(Meta(), Person(withNewsletter: false, emails: []), Person(withNewsletter: false, emails: [A]))));
        Assert.Equal(EmailChanged, signal.Kind);
        Assert.Null(signal.Email);
    }

    [Fact]
    public void EmailsAbsentFromTheReducedPayloadAreNoChangeAndTheRequestUsesTheKnownAddress()
    {
        var signal = Assert.Single(Translate(new PersonEvent(Meta(), Person(11), Person(null))));
        Assert.Equal(SubscribeRequested, signal.Kind);
        Assert.Equal(A, signal.Email);
    }

    [Fact]
    public void FirstSightOfTheAddressIsNoChange() =>
        Assert.Empty(Translate(new PersonEvent(Meta(), Person(withNewsletter: false, emails: [B]), null), emailBefore: null, emailKnownBefore: false));

    [Fact]
    public void SameAddressInOtherCaseIsNoChange() =>
        Assert.Empty(Translate(new PersonEvent(Meta(), Person(withNewsletter: false, emails: [" Anna@Example.COM"]), Person(withNewsletter: false, emails: [A]))));

    // KnownPerson: the person as merged from (reduced) webhook data.

    private static readonly DateTimeOffset T1 = At;
    private static readonly DateTimeOffset T2 = At.AddMinutes(1);

    private static PersonSnapshot Full(string name, string? email, long? org) => new()
    {
        Id = 456,
        Name = name,
        FirstName = name.Split(' ')[0],
        LastName = name.Split(' ')[^1],
        Emails = email is null ? [] : [email],
        PrimaryEmail = email,
        OwnerId = 9,
        OrgId = org,
        CustomFields = new Dictionary<string, PersonFieldValue> { [Key] = Option(13), ["budget"] = new() { Text = "100" } },
        StandardFields = new Dictionary<string, string?> { ["phone"] = "+49 1" },
        PresentFields = new HashSet<string> { "name", "first_name", "last_name", "emails", "owner_id", "org_id", "phone" },
    };

    [Fact]
    public void AbsentFieldsKeepTheirValuesAndPresentOnesReplaceThem()
    {
        var person = new KnownPerson();
        Assert.True(person.Merge(Full("Anna Schmidt", A, 77), T1));

        var reduced = new PersonSnapshot
        {
            Id = 456,
            OrgId = null,
            CustomFields = new Dictionary<string, PersonFieldValue> { [Key] = Option(14) },
            PresentFields = new HashSet<string> { "org_id" },
        };
        Assert.True(person.Merge(reduced, T2));

        Assert.Equal("Anna Schmidt", person.Name);
        Assert.Equal("Anna", person.FirstName);
        Assert.Equal(A, person.PrimaryEmail);
        Assert.True(person.EmailKnown);
        Assert.Equal(9, person.OwnerId);
        Assert.Null(person.OrgId);                                   // present and empty: cleared
        Assert.Equal(14, person.CustomFields[Key].OptionId);
        Assert.Equal("100", person.CustomFields["budget"].Text);     // absent: kept
        Assert.Equal("+49 1", person.StandardFields["phone"]);
        Assert.Equal(T2, person.DataAt);
    }

    [Fact]
    public void OlderDataNeverOverwritesNewer()
    {
        var person = new KnownPerson();
        person.Merge(Full("Anna Schmidt", B, 77), T2);

        Assert.False(person.Merge(Full("Anna Old", A, 5), T1));

        Assert.Equal("Anna Schmidt", person.Name);
        Assert.Equal(B, person.PrimaryEmail);
        Assert.Equal(77, person.OrgId);
        Assert.Equal(T2, person.DataAt);
    }

    [Fact]
    public void SameTimestampStillMerges()
    {
        var person = new KnownPerson();
        person.Merge(Full("Anna Schmidt", A, 77), T1);
        Assert.True(person.Merge(Full("Anna Berg", A, 77), T1));
        Assert.Equal("Anna Berg", person.Name);
    }

    [Fact]
    public void MergeReportsNoChangeWhenNothingDiffers()
    {
        var person = new KnownPerson();
        person.Merge(Full("Anna Schmidt", A, 77), T1);
        Assert.False(person.Merge(Full("Anna Schmidt", A, 77), T2));
    }

    [Fact]
    public void ANewsletterChangeAloneIsNoChangeForMaileon()
    {
        // The echo of the app's own field write carries nothing else: it must not cause a Maileon update.
        var person = new KnownPerson();
        person.Merge(Full("Anna Schmidt", A, 77), T1);
        var echo = Full("Anna Schmidt", A, 77) with { CustomFields = new Dictionary<string, PersonFieldValue> { [Key] = Option(15), ["budget"] = new() { Text = "100" } } };

        Assert.False(person.Merge(echo, T2, Key));
        Assert.Equal(15, person.CustomFields[Key].OptionId); // still recorded
        Assert.True(person.Merge(echo with { CustomFields = new Dictionary<string, PersonFieldValue> { ["budget"] = new() { Text = "200" } } }, T2, Key));
    }

    [Fact]
    public void AddressIsUnknownUntilAPayloadCarriesEmails()
    {
        var person = new KnownPerson();
        person.Merge(new PersonSnapshot { Id = 456, Name = "Anna", PresentFields = new HashSet<string> { "name" } }, T1);
        Assert.False(person.EmailKnown);
        Assert.False(person.ToSnapshot(456).Has("emails"));

        person.Merge(new PersonSnapshot { Id = 456, Emails = [], PresentFields = new HashSet<string> { "emails" } }, T2);
        Assert.True(person.EmailKnown);
        Assert.Null(person.PrimaryEmail);
        Assert.True(person.ToSnapshot(456).Has("emails"));
    }

    [Fact]
    public void SnapshotClaimsOnlyFieldsThatWereSeenSoUnknownOnesAreNotBlankedInMaileon()
    {
        // The first event the grain sees is a reduced v2 change: only the Newsletter field.
        var person = new KnownPerson();
        person.Merge(new PersonSnapshot { Id = 456, CustomFields = new Dictionary<string, PersonFieldValue> { [Key] = Option(11) } }, T1);

        var snapshot = person.ToSnapshot(456);
        foreach (var field in new[] { "name", "first_name", "last_name", "owner_id", "org_id", "emails" })
        {
            Assert.False(snapshot.Has(field), $"{field} was never seen but is claimed present (empty)");
        }

        person.Merge(Full("Anna Schmidt", A, 77), T2);
        snapshot = person.ToSnapshot(456);
        Assert.All(new[] { "name", "first_name", "last_name", "owner_id", "org_id", "emails", "phone" }, f => Assert.True(snapshot.Has(f), f));
        Assert.Equal("Anna Schmidt", snapshot.Name);
        Assert.Equal([A], snapshot.Emails);
        Assert.Equal(T2, snapshot.UpdateTime);
    }
}
