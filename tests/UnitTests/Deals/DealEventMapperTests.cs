using PipedriveMaileon.ApiClients.Maileon;
using System.Text.Json.Nodes;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Interfaces.Deals;

namespace PipedriveMaileon.UnitTests.Deals;

public sealed class DealEventMapperTests
{
    private static DealWork Work(DealFacts deal, DateTimeOffset? at = null) => new()
    {
        Kind = DealWorkKind.Updated,
        EventId = "7c812ffd-8f50-45ea-a597-b8fcba2da9c0",
        OccurredAt = at ?? new DateTimeOffset(2026, 3, 1, 14, 5, 9, 616, TimeSpan.FromHours(2)),
        Deal = deal,
    };

    /// <summary>The type as the app creates it: the seed's table.</summary>
    private static readonly DealTransactionTypeRef Created = new(DealTransactionTypes.Updated, 68, true);

    /// <summary>A type an earlier version of the app created: <c>value</c> float, <c>expected_close_date</c> date, no cc_email.</summary>
    private static readonly DealTransactionTypeRef Older = new(DealTransactionTypes.Updated, 68, false, new Dictionary<string, string>
    {
        ["deal_id"] = "integer", ["title"] = "string", ["value"] = "float", ["expected_close_date"] = "date", ["timestamp"] = "timestamp",
    });

    private static JsonObject Content(DealFacts deal, DealEventNames? names = null) =>
        DealEventMapper.Content(Work(deal), names ?? DealEventNames.None, Created).Content;

    [Fact]
    public void Values_go_out_in_the_seeds_types_without_culture_and_a_rounded_amount_is_noted_with_its_exact_value()
    {
        var content = DealEventMapper.Content(
            Work(new DealFacts { Id = 42, Title = "ACME", Value = 1200.50m, Currency = "EUR", Status = "open", ExpectedCloseDate = new DateOnly(2026, 9, 30) }),
            DealEventNames.None, Created);

        Assert.Equal(
            """{"deal_id":42,"title":"ACME","value":1201,"currency":"EUR","status":"open","expected_close_date":"2026-09-30","timestamp":"2026-03-01 12:05:09"}""",
            content.Content.ToJsonString());
        Assert.Contains(content.Notes, n => n.Contains("value 1200.5 was sent as 1201", StringComparison.Ordinal) && n.Contains("exact amount 1200.5", StringComparison.Ordinal));
    }

    [Fact]
    public void An_adopted_type_gets_each_value_in_its_declared_type_and_nothing_it_lacks()
    {
        var content = DealEventMapper.Content(
            Work(new DealFacts { Id = 42, Title = "ACME", Value = 1200.50m, Currency = "EUR", ExpectedCloseDate = new DateOnly(2026, 9, 30), SmartBccEmail = "d@x.pipedrivemail.com" }),
            DealEventNames.None, Older);

        Assert.Equal(
            """{"deal_id":42,"title":"ACME","value":1200.5,"expected_close_date":"2026-09-30","timestamp":"2026-03-01 12:05:09"}""",
            content.Content.ToJsonString());
        Assert.Empty(content.Notes);
    }

    [Fact]
    public void Whole_amounts_stay_whole_without_a_note()
    {
        var content = DealEventMapper.Content(Work(new DealFacts { Id = 1, Value = 100.00m }), DealEventNames.None, Created);
        Assert.Equal("100", content.Content["value"]!.ToJsonString());
        Assert.Empty(content.Notes);
        Assert.Equal("-0.01", DealEventMapper.Content(Work(new DealFacts { Id = 1, Value = -0.01m }), DealEventNames.None, Older).Content["value"]!.ToJsonString());
    }

    [Fact]
    public void The_timestamp_is_utc_in_maileons_format()
    {
        var late = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5));
        var content = DealEventMapper.Content(Work(new DealFacts { Id = 1 }, late), DealEventNames.None, Created).Content;
        Assert.Equal("2027-01-01 04:30:00", (string?)content["timestamp"]);
    }

    [Fact]
    public void Unknown_values_are_left_out_and_names_from_the_webhook_win_over_lookups()
    {
        var content = Content(
            new DealFacts { Id = 7, OrgName = "From webhook", Title = "" },
            new DealEventNames("Person P", "From lookup", "Owner O", "deal7@acme.pipedrivemail.com"));

        Assert.Equal("From webhook", (string?)content["org_name"]);
        Assert.Equal("Person P", (string?)content["person_name"]);
        Assert.Equal("Owner O", (string?)content["owner_name"]);
        Assert.Equal("deal7@acme.pipedrivemail.com", (string?)content["cc_email"]);
        Assert.False(content.ContainsKey("title"));
        Assert.False(content.ContainsKey("value"));
        Assert.False(content.ContainsKey("expected_close_date"));
    }

    [Fact]
    public void Long_strings_are_cut_to_maileons_limit_without_splitting_a_character()
    {
        var title = new string('a', MaileonLimits.TransactionStringLength - 1) + "😀" + "tail";
        var clipped = (string)Content(new DealFacts { Id = 1, Title = title })["title"]!;

        // Counted in code points, as Maileon counts: the emoji is the 1000th and is kept whole, the tail is cut.
        Assert.Equal(MaileonLimits.TransactionStringLength, clipped.EnumerateRunes().Count());
        Assert.EndsWith("😀", clipped, StringComparison.Ordinal);

        Assert.Equal(MaileonLimits.TransactionStringLength, ((string)Content(new DealFacts { Id = 1, Title = new string('b', 5000) })["title"]!).Length);
    }

    [Fact]
    public void Transaction_ids_are_deterministic_per_event_and_bounded()
    {
        var a = DealEventMapper.TransactionId(8087566, 42, "7c812ffd-8f50-45ea-a597-b8fcba2da9c0");
        Assert.Equal("pd-8087566-deal-42-7c812ffd-8f50-45ea-a597-b8fcba2da9c0", a);
        Assert.Equal(a, DealEventMapper.TransactionId(8087566, 42, "7c812ffd-8f50-45ea-a597-b8fcba2da9c0"));
        Assert.NotEqual(a, DealEventMapper.TransactionId(8087566, 42, "other"));

        var v1 = "v1/webhook 4710827/deal/42/updated/" + new string('9', 200);
        var hashed = DealEventMapper.TransactionId(1, 42, v1);
        Assert.Equal(hashed, DealEventMapper.TransactionId(1, 42, v1));
        Assert.True(hashed.Length < 64);
    }
}
