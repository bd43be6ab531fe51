using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Deals;

namespace PipedriveMaileon.UnitTests.Deals;

public sealed class DealTypeAdoptionTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 4, 9, 15, 30, TimeSpan.FromHours(2));

    private static IReadOnlyList<DealAttributeValue> Event(decimal value = 1234.56m) => SeedDealTypes.Values(
        42, "ACME roll-out", value, "EUR", "open", "Anna Schmidt", "ACME GmbH", "Olga Owner", "acme+deal42@pipedrivemail.com",
        new DateOnly(2026, 6, 30), At);

    [Fact]
    public void The_app_creates_the_three_types_to_the_seeds_table()
    {
        Assert.Equal(["pipedrive_deal_added", "pipedrive_deal_updated", "pipedrive_deal_deleted"], SeedDealTypes.Names);
        var definition = SeedDealTypes.Definition(SeedDealTypes.Added);
        Assert.Equal(
            ["deal_id:integer", "title:string", "value:integer", "currency:string", "status:string", "person_name:string", "org_name:string",
             "owner_name:string", "cc_email:string", "expected_close_date:string", "timestamp:timestamp", "transaction_id:string"],
            definition.Attributes.Select(a => $"{a.Name}:{a.Type}"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedDealTypes.Definition("pipedrive_deal"));
    }

    [Fact]
    public void On_a_type_built_to_the_seed_a_decimal_value_is_rounded_and_its_exact_amount_noted()
    {
        var type = DealTypeAdoption.Created(SeedDealTypes.Updated);
        Assert.Null(type.Report());
        Assert.True(type.SupportsTransactionId);

        var content = DealTypeAdoption.Content(type, Event());
        Assert.Equal(
            """{"deal_id":42,"title":"ACME roll-out","value":1235,"currency":"EUR","status":"open","person_name":"Anna Schmidt","org_name":"ACME GmbH","owner_name":"Olga Owner","cc_email":"acme\u002Bdeal42@pipedrivemail.com","expected_close_date":"2026-06-30","timestamp":"2026-05-04 07:15:30"}""",
            content.Content.ToJsonString());
        Assert.Contains("exact amount 1234.56", Assert.Single(content.Notes), StringComparison.Ordinal);
        Assert.Empty(DealTypeAdoption.Content(type, Event(1200m)).Notes);
    }

    [Fact]
    public void An_existing_type_built_differently_is_adopted_as_it_is()
    {
        // The app's earlier types: value float, expected_close_date date; this one also lacks org_name and requires "stage".
        var existing = new MaileonTransactionType(68, SeedDealTypes.Updated,
        [
            new("deal_id", "integer", true), new("title", "string", false), new("value", "float", false), new("currency", "string", false),
            new("status", "string", false), new("person_name", "string", false), new("owner_name", "string", false), new("cc_email", "string", false),
            new("expected_close_date", "date", false), new("timestamp", "timestamp", false), new("stage", "string", true),
        ]);
        var type = DealTypeAdoption.Adopt(existing);
        Assert.Equal(["org_name"], type.Lacking);
        Assert.Equal(["stage"], type.RequiredUnknown);
        Assert.False(type.SupportsTransactionId);
        var report = type.Report()!;
        Assert.Contains("no attribute org_name", report, StringComparison.Ordinal);
        Assert.Contains("requires stage", report, StringComparison.Ordinal);
        Assert.Contains("value as float", report, StringComparison.Ordinal);

        var content = DealTypeAdoption.Content(type, Event()).Content;
        Assert.Equal(1234.56m, content["value"]!.GetValue<decimal>());
        Assert.Equal("2026-06-30", content["expected_close_date"]!.GetValue<string>());
        Assert.False(content.ContainsKey("org_name"));
        Assert.Equal(10, content.Count);
    }

    [Theory]
    [InlineData("integer", 1234.5, "1235")]
    [InlineData("integer", -2.5, "-3")]
    [InlineData("integer", 7, "7")]
    [InlineData("float", 100.50, "100.5")]
    [InlineData("double", 3, "3")]
    [InlineData("string", 1234.50, "\"1234.5\"")]
    [InlineData("json", 0.25, "0.25")]
    public void Numbers_go_out_in_the_declared_type(string declared, double amount, string json)
    {
        var (value, _) = DealAttributeCoercion.To(declared, DealAttributeValue.Of("value", (decimal)amount));
        Assert.Equal(json, value!.ToJsonString());
    }

    [Fact]
    public void Dates_times_and_text_go_out_in_the_declared_type_or_are_left_out_with_a_note()
    {
        var date = DealAttributeValue.Of("expected_close_date", new DateOnly(2026, 6, 30));
        var time = DealAttributeValue.Of("timestamp", At);
        Assert.Equal("2026-06-30", Text(DealAttributeCoercion.To("date", date).Value));
        Assert.Equal("2026-06-30", Text(DealAttributeCoercion.To("string", date).Value));
        Assert.Equal("2026-06-30 00:00:00", Text(DealAttributeCoercion.To("timestamp", date).Value));
        Assert.Equal("2026-05-04 07:15:30", Text(DealAttributeCoercion.To("TIMESTAMP", time).Value));
        Assert.Equal("2026-05-04", Text(DealAttributeCoercion.To("date", time).Value));
        Assert.Equal("2026-05-04 07:15:30", Text(DealAttributeCoercion.To("string", time).Value));
        Assert.Equal(1200L, DealAttributeCoercion.To("integer", DealAttributeValue.Of("value", "1200")).Value!.GetValue<long>());

        foreach (var (declared, value) in new[] { ("integer", date), ("boolean", time), ("float", DealAttributeValue.Of("title", "ACME")), ("datetime", time) })
        {
            var (sent, note) = DealAttributeCoercion.To(declared, value);
            Assert.Null(sent);
            Assert.False(string.IsNullOrEmpty(note));
        }

        var (tooBig, bigNote) = DealAttributeCoercion.To("integer", DealAttributeValue.Of("value", 3_000_000_000.5m));
        Assert.Null(tooBig);
        Assert.Contains("3000000000.5", bigNote, StringComparison.Ordinal);
        Assert.Equal(1000, Text(DealAttributeCoercion.To("string", DealAttributeValue.Of("title", new string('x', 1200))).Value).Length);
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();
}
