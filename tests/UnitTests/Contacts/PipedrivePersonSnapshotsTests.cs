using System.Text.Json;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.UnitTests.Contacts;

public sealed class PipedrivePersonSnapshotsTests
{
    private const string NewsletterKey = "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e";
    private const string TopicsKey = "3333333333cccccccccc4444444444dddddddddd";
    private const string ScoreKey = "1111111111aaaaaaaaaa2222222222bbbbbbbbbb";
    private const string BudgetKey = "0123456789abcdef0123456789abcdef01234567";
    private const string AddressKey = "5555555555eeeeeeeeee6666666666ffffffffff";
    private const string UnknownKey = "7777777777aaaaaaaaaa8888888888bbbbbbbbbb";

    private static readonly DateTimeOffset Updated = new(2026, 3, 1, 10, 15, 0, TimeSpan.Zero);

    private static PipedrivePerson Person(string customFieldsJson, params PipedriveEmail[] emails)
    {
        using var document = JsonDocument.Parse(customFieldsJson);
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return new PipedrivePerson(
            456, "Max Mustermann", "Max", "Mustermann", 9, 77, Updated.AddDays(-30), Updated,
            emails.Length == 0 ? [new PipedriveEmail("old@example.com", false, "home"), new PipedriveEmail("max@example.com", true, "work")] : emails,
            false, fields);
    }

    private static TenantConnection Connection() => new()
    {
        CompanyId = 123,
        Status = TenantStatus.Active,
        ConfigVersion = 1,
        NewsletterField = new NewsletterFieldConfig(NewsletterKey, 12, new Dictionary<NewsletterOption, long> { [NewsletterOption.Subscribe] = 190 }),
        ExtraFields =
        [
            new ExtraFieldConfig(TopicsKey, "Topics", "set", "string", new Dictionary<long, string> { [1] = "A", [2] = "B" }),
            new ExtraFieldConfig(ScoreKey, "Score", "double", "float", new Dictionary<long, string>()),
            new ExtraFieldConfig(BudgetKey, "Budget", "monetary", "float", new Dictionary<long, string>()),
        ],
    };

    [Fact]
    public void StandardFieldsAreAllPresentSoEmptyMeansCleared()
    {
        var snapshot = PipedrivePersonSnapshots.FromApi(Person("{}"));

        Assert.Equal(456, snapshot.Id);
        Assert.Equal("Max Mustermann", snapshot.Name);
        Assert.Equal("Max", snapshot.FirstName);
        Assert.Equal("Mustermann", snapshot.LastName);
        Assert.Equal(["old@example.com", "max@example.com"], snapshot.Emails);
        Assert.Equal("max@example.com", snapshot.PrimaryEmail);
        Assert.Equal(9, snapshot.OwnerId);
        Assert.Equal(77, snapshot.OrgId);
        Assert.Equal(Updated, snapshot.UpdateTime);
        foreach (var field in new[] { "name", "first_name", "last_name", "emails", "owner_id", "org_id" })
        {
            Assert.True(snapshot.Has(field), field);
        }

        Assert.False(snapshot.Has("custom_fields"));
        Assert.Empty(snapshot.CustomFields);
    }

    [Fact]
    public void KnownFieldTypesDecideTheReading()
    {
        var person = Person($$"""
            {
              "{{NewsletterKey}}": 190,
              "{{TopicsKey}}": [1, 2],
              "{{ScoreKey}}": 42,
              "{{BudgetKey}}": {"value": 1500.5, "currency": "EUR"}
            }
            """);

        var snapshot = PipedrivePersonSnapshots.FromApi(person, PipedrivePersonSnapshots.FieldTypes(Connection()));

        Assert.True(snapshot.Has("custom_fields"));
        Assert.Equal(190, snapshot.CustomFields[NewsletterKey].OptionId);
        Assert.Null(snapshot.CustomFields[NewsletterKey].Text);
        Assert.Equal([1L, 2L], snapshot.CustomFields[TopicsKey].OptionIds);

        // A number in a number field is text, never an option id the mapper would look up as a label.
        Assert.Null(snapshot.CustomFields[ScoreKey].OptionId);
        Assert.Equal("42", snapshot.CustomFields[ScoreKey].Text);
        Assert.Equal("1500.5", snapshot.CustomFields[BudgetKey].Text);
        Assert.Equal("EUR", snapshot.CustomFields[BudgetKey].Currency);
    }

    [Fact]
    public void UnsetValuesAreEmptyAndStayPresent()
    {
        var person = Person($$"""{"{{NewsletterKey}}": null, "{{TopicsKey}}": [], "{{ScoreKey}}": ""}""");

        var snapshot = PipedrivePersonSnapshots.FromApi(person, PipedrivePersonSnapshots.FieldTypes(Connection()));

        Assert.All(snapshot.CustomFields.Values, v => Assert.True(v.IsEmpty));
        Assert.Equal(3, snapshot.CustomFields.Count);
    }

    [Theory]
    [InlineData("190", 190L)]
    [InlineData("\"190\"", 190L)]
    [InlineData("{\"id\": 190, \"label\": \"Subscribe\"}", 190L)]
    [InlineData("0", null)]
    [InlineData("-3", null)]
    [InlineData("1.5", null)]
    [InlineData("\"Subscribe\"", null)]
    [InlineData("true", null)]
    public void EnumValuesAreOptionIdsInEveryShapeTheApiUses(string json, long? expected)
    {
        using var document = JsonDocument.Parse(json);

        var value = PipedrivePersonSnapshots.Value(document.RootElement, "enum");

        Assert.Equal(expected, value.OptionId);
        Assert.Empty(value.OptionIds);
    }

    [Theory]
    [InlineData("[1, 2]", new long[] { 1, 2 })]
    [InlineData("[{\"id\": 3, \"label\": \"C\"}, 4]", new long[] { 3, 4 })]
    [InlineData("\"5,6\"", new long[] { 5, 6 })]
    [InlineData("7", new long[] { 7 })]
    [InlineData("[\"x\", null]", new long[0])]
    public void SetValuesAreOptionIdLists(string json, long[] expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, PipedrivePersonSnapshots.Value(document.RootElement, "set").OptionIds);
    }

    [Theory]
    [InlineData("\"hello\"", "hello")]
    [InlineData("3.25", "3.25")]
    [InlineData("1e3", "1000")]
    [InlineData("false", "false")]
    [InlineData("\"2026-03-01\"", "2026-03-01")]
    [InlineData("{\"value\": \"Main St 1, Berlin\", \"locality\": \"Berlin\"}", "Main St 1, Berlin")]
    [InlineData("{\"formatted_address\": \"Main St 1\"}", "Main St 1")]
    [InlineData("{\"id\": 17, \"name\": \"ACME\"}", "17")]
    public void OtherValuesAreInvariantText(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        var value = PipedrivePersonSnapshots.Value(document.RootElement, fieldType: null);

        Assert.Equal(expected, value.Text);
        Assert.Null(value.OptionId);
    }

    [Fact]
    public void AFieldOfUnknownTypeKeepsArraysAsOptionIdsAndNumbersAsText()
    {
        var person = Person($$"""{"{{UnknownKey}}": [8, 9], "{{AddressKey}}": 12}""");

        var snapshot = PipedrivePersonSnapshots.FromApi(person);

        Assert.Equal([8L, 9L], snapshot.CustomFields[UnknownKey].OptionIds);
        Assert.Equal("12", snapshot.CustomFields[AddressKey].Text);
        Assert.Null(snapshot.CustomFields[AddressKey].OptionId);
    }

    [Fact]
    public void TheMapperSendsLabelsAndNumbersForAReadPerson()
    {
        var person = Person($$"""{"{{TopicsKey}}": [2, 1], "{{ScoreKey}}": 4.5}""");
        var connection = Connection();

        var mapping = MaileonContactMapper.Map(
            PipedrivePersonSnapshots.FromApi(person, PipedrivePersonSnapshots.FieldTypes(connection)),
            new ContactMappingContext(123, null, null, null, connection.ExtraFields));

        Assert.Equal("B, A", mapping.Data.CustomFields["Topics"]);
        Assert.Equal("4.5", mapping.Data.CustomFields["Score"]);
    }
}
