using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Deals;

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

    [Fact]
    public void Values_are_converted_to_maileon_types_without_culture()
    {
        var content = DealEventMapper.Content(
            Work(new DealFacts { Id = 42, Title = "ACME", Value = 1200.50m, Currency = "EUR", Status = "open", ExpectedCloseDate = new DateOnly(2026, 9, 30) }),
            DealEventNames.None);

        Assert.Equal(
            """{"deal_id":42,"title":"ACME","value":1200.5,"currency":"EUR","status":"open","expected_close_date":"2026-09-30","timestamp":"2026-03-01 12:05:09"}""",
            content.ToJsonString());
    }

    [Fact]
    public void Whole_amounts_stay_whole_and_large_amounts_keep_every_digit()
    {
        Assert.Equal("100", DealEventMapper.Content(Work(new DealFacts { Id = 1, Value = 100.00m }), DealEventNames.None)["value"]!.ToJsonString());
        Assert.Equal("123456789012.34", DealEventMapper.Content(Work(new DealFacts { Id = 1, Value = 123456789012.340m }), DealEventNames.None)["value"]!.ToJsonString());
        Assert.Equal("-0.01", DealEventMapper.Content(Work(new DealFacts { Id = 1, Value = -0.01m }), DealEventNames.None)["value"]!.ToJsonString());
    }

    [Fact]
    public void The_timestamp_is_utc_in_maileons_format()
    {
        var late = new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5));
        Assert.Equal("2027-01-01 04:30:00", DealEventMapper.FormatTimestamp(late));
    }

    [Fact]
    public void Unknown_values_are_left_out_and_names_from_the_webhook_win_over_lookups()
    {
        var content = DealEventMapper.Content(
            Work(new DealFacts { Id = 7, OrgName = "From webhook", Title = "" }),
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
        var clipped = (string)DealEventMapper.Content(Work(new DealFacts { Id = 1, Title = title }), DealEventNames.None)["title"]!;

        Assert.Equal(MaileonLimits.TransactionStringLength - 1, clipped.Length);
        Assert.False(char.IsHighSurrogate(clipped[^1]));

        var plain = new string('b', 5000);
        Assert.Equal(MaileonLimits.TransactionStringLength, DealEventMapper.Clip(plain).Length);
        Assert.Equal("short", DealEventMapper.Clip("short"));
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
