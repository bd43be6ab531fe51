using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.UnitTests.Contacts;

public sealed class MaileonContactMapperTests
{
    private const string BudgetKey = "0123456789abcdef0123456789abcdef01234567";
    private const string SizeKey = "1111111111aaaaaaaaaa2222222222bbbbbbbbbb";
    private const string TopicsKey = "3333333333cccccccccc4444444444dddddddddd";

    private static readonly string[] AllPersonFields = ["name", "first_name", "last_name", "org_id", "owner_id", "emails"];

    private static PersonSnapshot Person(params string[] present) => new()
    {
        Id = 456,
        Name = "Max Mustermann",
        FirstName = "Max",
        LastName = "Mustermann",
        Emails = ["max@example.com"],
        PrimaryEmail = "max@example.com",
        OwnerId = 9,
        OrgId = 77,
        PresentFields = new HashSet<string>(present.Length == 0 ? AllPersonFields : present),
    };

    private static ContactMappingContext Context(params ExtraFieldConfig[] extras) =>
        new(123, "ACME GmbH", "Olga Owner", "olga@example.com", extras);

    private static ExtraFieldConfig Extra(string key, string name, string pipedriveType, string maileonType, Dictionary<long, string>? options = null) =>
        new(key, name, pipedriveType, maileonType, options ?? []);

    private static MaileonContactMapping MapExtra(ExtraFieldConfig extra, PersonFieldValue value) =>
        MaileonContactMapper.Map(
            Person() with { CustomFields = new Dictionary<string, PersonFieldValue> { [extra.PipedriveKey] = value } },
            Context(extra));

    private static string? Standard(MaileonContactMapping mapping, string name) => mapping.Data.StandardFields.GetValueOrDefault(name);

    private static string? Custom(MaileonContactMapping mapping, string name) => mapping.Data.CustomFields.GetValueOrDefault(name);

    [Fact]
    public void EveryFieldOfTheSeedTableIsFilled()
    {
        var mapping = MaileonContactMapper.Map(Person(), Context());

        Assert.Equal("pd-123-456", mapping.Data.ExternalId);
        Assert.Equal("Max", Standard(mapping, "FIRSTNAME"));
        Assert.Equal("Mustermann", Standard(mapping, "LASTNAME"));
        Assert.Equal("Max Mustermann", Standard(mapping, "FULLNAME"));
        Assert.Equal("ACME GmbH", Standard(mapping, "ORGANIZATION"));
        Assert.Equal("true", Custom(mapping, "createdByPipedrive"));
        Assert.Equal("123", Custom(mapping, "pipedriveId")); // the company, as the seed says
        Assert.Equal("Olga Owner", Custom(mapping, "owner_name"));
        Assert.Equal("olga@example.com", Custom(mapping, "owner_email"));
        Assert.Empty(mapping.Notes);
    }

    [Fact]
    public void TheEmailIsNeverPartOfTheBody()
    {
        var mapping = MaileonContactMapper.Map(Person(), Context());

        Assert.DoesNotContain(mapping.Data.StandardFields.Values, v => v?.Contains('@', StringComparison.Ordinal) == true);
        Assert.DoesNotContain(mapping.Data.StandardFields.Keys, k => k.Contains("MAIL", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheAppsCustomFieldsAreTheOnesSetupCreates()
    {
        var mapping = MaileonContactMapper.Map(Person(), Context());

        Assert.Equal(
            TenantSetupRunner.StandardCustomFields.Select(f => f.Name).Order(StringComparer.Ordinal),
            mapping.Data.CustomFields.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Anna Maria Schmidt", "Anna", "Maria Schmidt")]
    [InlineData("  Cher  ", "Cher", "")]
    [InlineData("Jean\tDupont", "Jean", "Dupont")]
    public void NameIsSplitWhenFirstAndLastNameAreAbsent(string name, string first, string last)
    {
        var person = Person("name") with { Name = name, FirstName = null, LastName = null };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal(first, Standard(mapping, "FIRSTNAME"));
        Assert.Equal(last, Standard(mapping, "LASTNAME"));
        Assert.Equal(name, Standard(mapping, "FULLNAME"));
    }

    [Fact]
    public void NameIsSplitWhenFirstAndLastNameArePresentButEmpty()
    {
        var person = Person("name", "first_name", "last_name") with { Name = "Max Mustermann", FirstName = "", LastName = null };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal("Max", Standard(mapping, "FIRSTNAME"));
        Assert.Equal("Mustermann", Standard(mapping, "LASTNAME"));
    }

    [Fact]
    public void OneOfFirstAndLastNameIsEnoughToNotSplit()
    {
        var person = Person("name", "first_name") with { Name = "Max Mustermann", FirstName = "Maximilian" };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal("Maximilian", Standard(mapping, "FIRSTNAME"));
        Assert.False(mapping.Data.StandardFields.ContainsKey("LASTNAME"));
        Assert.Equal("Max Mustermann", Standard(mapping, "FULLNAME"));
    }

    [Fact]
    public void APartialSnapshotSetsOnlyWhatItCarries()
    {
        var person = Person("first_name") with { FirstName = "Moritz", Name = null, LastName = null, OrgId = null, OwnerId = null };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal(["FIRSTNAME"], mapping.Data.StandardFields.Keys);
        Assert.Equal("Moritz", Standard(mapping, "FIRSTNAME"));
        Assert.Equal(["createdByPipedrive", "pipedriveId"], mapping.Data.CustomFields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("pd-123-456", mapping.Data.ExternalId);
    }

    [Fact]
    public void PresentButEmptyFieldsAreSentEmptyToClearThem()
    {
        var person = Person() with { Name = null, FirstName = "", LastName = null, OrgId = null, OwnerId = null };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal("", Standard(mapping, "FIRSTNAME"));
        Assert.Equal("", Standard(mapping, "LASTNAME"));
        Assert.Equal("", Standard(mapping, "FULLNAME"));
        Assert.Equal("", Standard(mapping, "ORGANIZATION"));
        Assert.Equal("", Custom(mapping, "owner_name"));
        Assert.Equal("", Custom(mapping, "owner_email"));
        Assert.Empty(mapping.Notes);
    }

    [Fact]
    public void UnknownOrganisationAndOwnerNamesLeaveMaileonsValuesAlone()
    {
        var mapping = MaileonContactMapper.Map(Person(), new ContactMappingContext(123, null, null, null, []));

        Assert.False(mapping.Data.StandardFields.ContainsKey("ORGANIZATION"));
        Assert.False(mapping.Data.CustomFields.ContainsKey("owner_name"));
        Assert.False(mapping.Data.CustomFields.ContainsKey("owner_email"));
        Assert.Equal(3, mapping.Notes.Count);
        Assert.Contains(mapping.Notes, n => n.Contains("organisation 77", StringComparison.Ordinal));
    }

    [Fact]
    public void OwnerWithNameButNoEmailSendsTheName()
    {
        var mapping = MaileonContactMapper.Map(Person(), new ContactMappingContext(123, "ACME GmbH", "Olga Owner", null, []));

        Assert.Equal("Olga Owner", Custom(mapping, "owner_name"));
        Assert.False(mapping.Data.CustomFields.ContainsKey("owner_email"));
        Assert.Single(mapping.Notes);
    }

    [Fact]
    public void LongValuesAreCutTo255WithANote()
    {
        var person = Person() with { FirstName = new string('a', 312), Name = new string('b', 255) };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal(new string('a', 255), Standard(mapping, "FIRSTNAME"));
        Assert.Equal(new string('b', 255), Standard(mapping, "FULLNAME"));
        Assert.Equal(["FIRSTNAME cut from 312 to 255 characters"], mapping.Notes);
    }

    [Fact]
    public void CuttingNeverSplitsAnEmojiAtTheBoundary()
    {
        // 254 letters, then an emoji (two UTF-16 units, one code point) as the 255th code point, then more.
        var kept = new string('a', 254) + "😀";
        var person = Person() with { LastName = kept + "😀xyz" };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal(kept, Standard(mapping, "LASTNAME"));
        Assert.Equal(["LASTNAME cut from 259 to 255 characters"], mapping.Notes);
    }

    [Fact]
    public void CuttingDropsAnEmojiThatWouldCrossTheBoundary()
    {
        // The emoji would start at code point 255 but a skin tone modifier makes it two code points: drop both.
        var person = Person() with { LastName = new string('a', 254) + "👍🏽" };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal(new string('a', 254), Standard(mapping, "LASTNAME"));
        Assert.Equal(["LASTNAME cut from 256 to 254 characters"], mapping.Notes);
    }

    [Fact]
    public void ValuesWithinTheLimitCountedInCodePointsAreNotCut()
    {
        // 255 emoji are 510 UTF-16 units but 255 code points.
        var emoji = string.Concat(Enumerable.Repeat("😀", 255));
        var person = Person() with { Name = emoji };

        var mapping = MaileonContactMapper.Map(person, Context());

        Assert.Equal(emoji, Standard(mapping, "FULLNAME"));
        Assert.Empty(mapping.Notes);
    }

    [Fact]
    public void MarkupAndUnicodePassThroughUnchanged()
    {
        var person = Person() with { FirstName = "<b>Zoë</b> & \"Ünal\" ]]>", LastName = "山田 🇩🇪" };

        var mapping = MaileonContactMapper.Map(person, Context() with { OrganizationName = "Müller & Söhne <GmbH>" });

        Assert.Equal("<b>Zoë</b> & \"Ünal\" ]]>", Standard(mapping, "FIRSTNAME"));
        Assert.Equal("山田 🇩🇪", Standard(mapping, "LASTNAME"));
        Assert.Equal("Müller & Söhne <GmbH>", Standard(mapping, "ORGANIZATION"));
    }

    [Fact]
    public void OwnerAndOrganisationValuesAreCutToo()
    {
        var mapping = MaileonContactMapper.Map(Person(), Context() with { OrganizationName = new string('o', 300), OwnerName = new string('n', 256) });

        Assert.Equal(255, Standard(mapping, "ORGANIZATION")!.Length);
        Assert.Equal(255, Custom(mapping, "owner_name")!.Length);
        Assert.Equal(["ORGANIZATION cut from 300 to 255 characters", "owner_name cut from 256 to 255 characters"], mapping.Notes);
    }

    [Fact]
    public void StringExtraSendsTheText()
    {
        var mapping = MapExtra(Extra(BudgetKey, "Notes", "varchar", "string"), new PersonFieldValue { Text = "VIP <customer>" });

        Assert.Equal("VIP <customer>", Custom(mapping, "Notes"));
    }

    [Fact]
    public void StringExtraIsCutWithANoteNamingTheField()
    {
        var mapping = MapExtra(Extra(BudgetKey, "Notes", "text", "string"), new PersonFieldValue { Text = new string('x', 1000) });

        Assert.Equal(new string('x', 255), Custom(mapping, "Notes"));
        Assert.Equal(["extra field 'Notes' cut from 1000 to 255 characters"], mapping.Notes);
    }

    [Fact]
    public void EnumExtraSendsTheOptionLabel()
    {
        var extra = Extra(SizeKey, "Company_size", "enum", "string", new() { [1] = "Small", [2] = "Large" });

        var mapping = MapExtra(extra, new PersonFieldValue { OptionId = 2 });

        Assert.Equal("Large", Custom(mapping, "Company_size"));
    }

    [Fact]
    public void SetExtraJoinsTheOptionLabelsInOrder()
    {
        var extra = Extra(TopicsKey, "Topics", "set", "string", new() { [10] = "News", [11] = "Events", [12] = "Offers" });

        var mapping = MapExtra(extra, new PersonFieldValue { OptionIds = [12, 10] });

        Assert.Equal("Offers, News", Custom(mapping, "Topics"));
        Assert.Empty(mapping.Notes);
    }

    [Fact]
    public void UnknownOptionsAreLeftOutWithANote()
    {
        var extra = Extra(TopicsKey, "Topics", "set", "string", new() { [10] = "News" });

        var partly = MapExtra(extra, new PersonFieldValue { OptionIds = [10, 99] });
        var none = MapExtra(extra with { PipedriveFieldType = "enum" }, new PersonFieldValue { OptionId = 98 });

        Assert.Equal("News", Custom(partly, "Topics"));
        Assert.Equal(["extra field 'Topics' option 99 is not a known option; left out"], partly.Notes);
        Assert.False(none.Data.CustomFields.ContainsKey("Topics"));
        Assert.Single(none.Notes);
    }

    [Fact]
    public void OptionIdsGivenAsTextAreTranslatedToLabels()
    {
        var extra = Extra(TopicsKey, "Topics", "set", "string", new() { [10] = "News", [11] = "Events" });

        var mapping = MapExtra(extra, new PersonFieldValue { Text = "11,10" });

        Assert.Equal("Events, News", Custom(mapping, "Topics"));
    }

    [Fact]
    public void StandardPipedriveFieldsCanBeExtras()
    {
        var person = Person() with { StandardFields = new Dictionary<string, string?> { ["job_title"] = "CTO", ["phone"] = null, ["label"] = "5" } };
        var context = Context(
            Extra("job_title", "Job_title", "varchar", "string"),
            Extra("phone", "Phone", "phone", "string"),
            Extra("label", "Label", "enum", "string", new() { [5] = "Hot lead" }),
            Extra("birthday", "Birthday", "date", "date"));

        var mapping = MaileonContactMapper.Map(person, context);

        Assert.Equal("CTO", Custom(mapping, "Job_title"));
        Assert.Equal("", Custom(mapping, "Phone"));
        Assert.Equal("Hot lead", Custom(mapping, "Label"));
        Assert.False(mapping.Data.CustomFields.ContainsKey("Birthday"));
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("12.0", "12")]
    [InlineData(" 1e3 ", "1000")]
    [InlineData("2147483647", "2147483647")]
    public void IntegerExtraSendsAWholeNumber(string text, string expected)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Employees", "int", "integer"), new PersonFieldValue { Text = text });

        Assert.Equal(expected, Custom(mapping, "Employees"));
        Assert.Empty(mapping.Notes);
    }

    [Theory]
    [InlineData("abc", "extra field 'Employees' value 'abc' is not a whole number; left out")]
    [InlineData("12.5", "extra field 'Employees' value '12.5' is not a whole number; left out")]
    [InlineData("1,000", "extra field 'Employees' value '1,000' is not a whole number; left out")]
    [InlineData("2147483648", "extra field 'Employees' value '2147483648' does not fit Maileon's 32-bit integer; left out")]
    public void IntegerExtraThatIsNoWholeNumberIsLeftOut(string text, string note)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Employees", "int", "integer"), new PersonFieldValue { Text = text });

        Assert.False(mapping.Data.CustomFields.ContainsKey("Employees"));
        Assert.Equal([note], mapping.Notes);
    }

    [Theory]
    [InlineData("1234.5", "1234.5")]
    [InlineData("0.1", "0.1")]
    [InlineData("-3", "-3")]
    [InlineData("1.50", "1.5")]
    [InlineData("2E3", "2000")]
    public void FloatExtraSendsAnInvariantDecimal(string text, string expected)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Budget", "monetary", "float"), new PersonFieldValue { Text = text, Currency = "EUR" });

        Assert.Equal(expected, Custom(mapping, "Budget"));
        Assert.Empty(mapping.Notes);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void FloatExtraThatIsNoNumberIsLeftOut(string text)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Budget", "double", "float"), new PersonFieldValue { Text = text });

        Assert.False(mapping.Data.CustomFields.ContainsKey("Budget"));
        Assert.Equal([$"extra field 'Budget' value '{text}' is not a number; left out"], mapping.Notes);
    }

    [Theory]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("2024-03-01 13:45:00", "2024-03-01")]
    [InlineData("2024-03-01T23:30:00Z", "2024-03-01")]
    public void DateExtraSendsYearMonthDay(string text, string expected)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Contract_start", "date", "date"), new PersonFieldValue { Text = text });

        Assert.Equal(expected, Custom(mapping, "Contract_start"));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("01.03.2024")]
    [InlineData("soon")]
    public void DateExtraThatIsNoDateIsLeftOut(string text)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Contract_start", "date", "date"), new PersonFieldValue { Text = text });

        Assert.False(mapping.Data.CustomFields.ContainsKey("Contract_start"));
        Assert.Equal([$"extra field 'Contract_start' value '{text}' is not a date; left out"], mapping.Notes);
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("1", "true")]
    [InlineData("yes", "true")]
    [InlineData("Y", "true")]
    [InlineData(" on ", "true")]
    [InlineData("false", "false")]
    [InlineData("0", "false")]
    [InlineData("No", "false")]
    [InlineData("n", "false")]
    [InlineData("off", "false")]
    public void BooleanExtraSendsTrueOrFalse(string text, string expected)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Partner", "boolean", "boolean"), new PersonFieldValue { Text = text });

        Assert.Equal(expected, Custom(mapping, "Partner"));
    }

    [Fact]
    public void BooleanExtraFromAnOptionLabelUsesTheLabel()
    {
        var extra = Extra(SizeKey, "Partner", "enum", "boolean", new() { [1] = "Yes", [2] = "No" });

        Assert.Equal("false", Custom(MapExtra(extra, new PersonFieldValue { OptionId = 2 }), "Partner"));
    }

    [Fact]
    public void BooleanExtraThatIsNoYesOrNoIsLeftOut()
    {
        var mapping = MapExtra(Extra(BudgetKey, "Partner", "boolean", "boolean"), new PersonFieldValue { Text = "maybe" });

        Assert.False(mapping.Data.CustomFields.ContainsKey("Partner"));
        Assert.Equal(["extra field 'Partner' value 'maybe' is not a yes/no value; left out"], mapping.Notes);
    }

    [Theory]
    [InlineData("string")]
    [InlineData("integer")]
    [InlineData("float")]
    [InlineData("date")]
    [InlineData("boolean")]
    public void EmptyExtraOfAnyTypeClearsTheField(string maileonType)
    {
        var mapping = MapExtra(Extra(BudgetKey, "Field", "varchar", maileonType), PersonFieldValue.Empty);

        Assert.Equal("", Custom(mapping, "Field"));
        Assert.Empty(mapping.Notes);
    }

    [Fact]
    public void AbsentExtraIsLeftOutWithoutANote()
    {
        var mapping = MaileonContactMapper.Map(Person(), Context(Extra(BudgetKey, "Budget", "double", "float")));

        Assert.False(mapping.Data.CustomFields.ContainsKey("Budget"));
        Assert.Empty(mapping.Notes);
    }

    [Fact]
    public void ExtraWithAnUnknownMaileonTypeIsLeftOut()
    {
        var mapping = MapExtra(Extra(BudgetKey, "Budget", "double", "timestamp"), new PersonFieldValue { Text = "1" });

        Assert.False(mapping.Data.CustomFields.ContainsKey("Budget"));
        Assert.Single(mapping.Notes);
    }

    [Fact]
    public void ExtraCannotOverwriteTheAppsOwnFieldsOrAnotherExtra()
    {
        var person = Person() with { CustomFields = new Dictionary<string, PersonFieldValue> { [BudgetKey] = new() { Text = "x" }, [SizeKey] = new() { Text = "y" } } };
        var context = Context(
            Extra(BudgetKey, "pipedriveId", "varchar", "string"),
            Extra(BudgetKey, "Dup", "varchar", "string"),
            Extra(SizeKey, "Dup", "varchar", "string"));

        var mapping = MaileonContactMapper.Map(person, context);

        Assert.Equal("123", Custom(mapping, "pipedriveId")); // the company, as the seed says
        Assert.Equal("x", Custom(mapping, "Dup"));
        Assert.Equal(2, mapping.Notes.Count);
    }

    [Fact]
    public void LongBadValuesAreShortenedInTheNote()
    {
        var mapping = MapExtra(Extra(BudgetKey, "Budget", "double", "float"), new PersonFieldValue { Text = new string('z', 500) });

        Assert.Equal([$"extra field 'Budget' value '{new string('z', 40)}…' is not a number; left out"], mapping.Notes);
    }

    [Fact]
    public void ExtraFieldsUseTheSameMaileonTypesAsSetup()
    {
        // A config produced by the setup rules must be understood by the mapper for every Pipedrive type.
        foreach (var pipedriveType in new[] { "varchar", "text", "double", "monetary", "int", "date", "boolean", "enum", "set", "phone" })
        {
            var extra = Extra(BudgetKey, "Field", pipedriveType, ExtraFieldRules.MaileonType(pipedriveType).ToString().ToLowerInvariant());

            var mapping = MapExtra(extra, PersonFieldValue.Empty);

            Assert.Equal("", Custom(mapping, "Field"));
            Assert.Empty(mapping.Notes);
        }
    }

    [Fact]
    public void DiffSeesNoChangeWhenTheSameBodyIsMappedAgain()
    {
        var before = MaileonContactMapper.Map(Person(), Context()).Data;
        var after = MaileonContactMapper.Map(Person(), Context()).Data;

        Assert.False(MaileonContactDiff.HasChanges(before, after));
        Assert.Empty(MaileonContactDiff.ChangedFields(before, after));
    }

    [Fact]
    public void DiffIgnoresFieldsThePartialSnapshotDidNotCarry()
    {
        var before = MaileonContactMapper.Map(Person(), Context()).Data;
        var after = MaileonContactMapper.Map(Person("first_name"), Context()).Data;

        Assert.False(MaileonContactDiff.HasChanges(before, after));
    }

    [Fact]
    public void DiffNamesChangedAndClearedFields()
    {
        var before = MaileonContactMapper.Map(Person(), Context()).Data;
        var after = MaileonContactMapper.Map(Person() with { FirstName = "Moritz", OrgId = null }, Context()).Data;

        Assert.True(MaileonContactDiff.HasChanges(before, after));
        Assert.Equal(["FIRSTNAME", "ORGANIZATION"], MaileonContactDiff.ChangedFields(before, after));
    }

    [Fact]
    public void DiffAgainstNothingIsAChange()
    {
        var after = MaileonContactMapper.Map(Person("name"), Context()).Data;

        Assert.True(MaileonContactDiff.HasChanges(null, after));
        Assert.Contains(MaileonContactDiff.ExternalIdField, MaileonContactDiff.ChangedFields(null, after));
    }

    [Fact]
    public void DiffCountsAFieldNeverSentAsChanged()
    {
        var before = new MaileonContactData("pd-123-456", new Dictionary<string, string?>(), new Dictionary<string, string?>());
        var after = new MaileonContactData("pd-123-456", new Dictionary<string, string?> { ["FIRSTNAME"] = "" }, new Dictionary<string, string?>());

        Assert.Equal(["FIRSTNAME"], MaileonContactDiff.ChangedFields(before, after));
    }

    [Fact]
    public void ApplyRemembersWhatMaileonHoldsAfterAPartialUpdate()
    {
        var before = MaileonContactMapper.Map(Person(), Context()).Data;
        var partial = MaileonContactMapper.Map(Person("last_name") with { LastName = "Meier" }, Context()).Data;

        var now = MaileonContactDiff.Apply(before, partial);

        Assert.Equal("Max", now.StandardFields["FIRSTNAME"]);
        Assert.Equal("Meier", now.StandardFields["LASTNAME"]);
        Assert.Equal("ACME GmbH", now.StandardFields["ORGANIZATION"]);
        Assert.False(MaileonContactDiff.HasChanges(now, partial));
    }
}
