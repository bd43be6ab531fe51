using System.Text;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using static PipedriveMaileon.UnitTests.Webhooks.PipedriveWebhookExamples;
using static PipedriveMaileon.UnitTests.Webhooks.PipedriveWebhookParserV2Tests;

namespace PipedriveMaileon.UnitTests.Webhooks;

public sealed class PipedriveWebhookRejectionTests
{
    private const string Person = """{"id":42,"name":"Ann"}""";

    private static string Rejected(string json, long companyId = V2CompanyId)
    {
        var result = Parse(json, companyId);
        Assert.True(result.Status == WebhookParseStatus.Rejected, result.ToString());
        Assert.Null(result.Person);
        Assert.Null(result.Deal);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        return result.Reason!;
    }

    private static string WithMeta(string replace, string with) =>
        V2("person", "change", Person).Replace(replace, with, StringComparison.Ordinal);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \r\n", "empty")]
    [InlineData("{", "not complete JSON")]
    [InlineData("{\"meta\":{\"version\":\"2.0\"", "not complete JSON")]
    [InlineData("{]", "not valid JSON")]
    [InlineData("meta=1", "not valid JSON")]
    [InlineData("{\"a\":1} {\"b\":2}", "not valid JSON")]
    [InlineData("{\"a\":1,}", "not valid JSON")]
    [InlineData("{/*c*/\"a\":1}", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object, not an array")]
    [InlineData("\"meta\"", "must be a JSON object, not a string")]
    [InlineData("null", "must be a JSON object, not null")]
    [InlineData("{}", "no meta")]
    [InlineData("{\"meta\":null}", "no meta")]
    [InlineData("{\"meta\":[]}", "meta must be an object")]
    [InlineData("{\"meta\":{}}", "version is missing")]
    [InlineData("{\"meta\":{\"version\":\"3.0\"}}", "Unsupported webhook version")]
    [InlineData("{\"meta\":{\"version\":{}}}", "Unsupported webhook version")]
    [InlineData("{\"v\":7,\"meta\":{}}", "Unsupported webhook version")]
    [InlineData("{\"meta\":{\"a\":1,\"a\":2}}", "repeats a property")]
    public void Malformed_bodies(string body, string expected) =>
        Assert.Contains(expected, Rejected(body), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"action\":\"change\",", "", "meta.action is missing")]
    [InlineData("\"action\":\"change\"", "\"action\":5", "meta.action must be a lower-case name")]
    [InlineData("\"action\":\"change\"", "\"action\":\"Chan ge!\"", "meta.action must be a lower-case name")]
    [InlineData("\"entity\":\"person\",", "", "meta.entity is missing")]
    [InlineData("\"entity\":\"person\"", "\"entity\":[\"person\"]", "meta.entity must be")]
    [InlineData("\"company_id\":\"8087566\",", "", "meta.company_id is missing")]
    [InlineData("\"company_id\":\"8087566\"", "\"company_id\":\"abc\"", "meta.company_id must be a whole")]
    [InlineData("\"company_id\":\"8087566\"", "\"company_id\":\"0\"", "meta.company_id must be a positive id")]
    [InlineData("\"company_id\":\"8087566\"", "\"company_id\":\"8087567\"", "meta.company_id 8087567 does not match the company 8087566")]
    [InlineData("\"entity_id\":\"42\",", "", "meta.entity_id is missing")]
    [InlineData("\"entity_id\":\"42\"", "\"entity_id\":\"abc\"", "meta.entity_id must be a whole")]
    [InlineData("\"entity_id\":\"42\"", "\"entity_id\":-42", "meta.entity_id must be a whole")]
    [InlineData("\"entity_id\":\"42\"", "\"entity_id\":42.5", "meta.entity_id must be a whole")]
    [InlineData("\"entity_id\":\"42\"", "\"entity_id\":99999999999999999999", "meta.entity_id must be a whole")]
    [InlineData("\"entity_id\":\"42\"", "\"entity_id\":1e400", "meta.entity_id must be a whole")]
    [InlineData("\"entity_id\":\"42\"", "\"entity_id\":{\"value\":42}", "meta.entity_id must be a whole")]
    [InlineData("\"entity_id\":\"42\"", "\"entity_id\":\"43\"", "data.id 42 does not match the entity id 43")]
    [InlineData("\"id\":\"0f6b2a4e-1111-4222-8333-944455556666\",", "", "meta.id (the event id) is missing")]
    [InlineData("\"id\":\"0f6b2a4e-1111-4222-8333-944455556666\"", "\"id\":\"\"", "meta.id must be a non-empty event id")]
    [InlineData("\"id\":\"0f6b2a4e-1111-4222-8333-944455556666\"", "\"id\":[1]", "meta.id must be a non-empty event id")]
    [InlineData("\"timestamp\":\"2026-05-27T10:00:00.123Z\",", "", "meta.timestamp is missing")]
    [InlineData("\"timestamp\":\"2026-05-27T10:00:00.123Z\"", "\"timestamp\":\"yesterday\"", "meta.timestamp must be an ISO-8601")]
    [InlineData("\"timestamp\":\"2026-05-27T10:00:00.123Z\"", "\"timestamp\":-5", "meta.timestamp must be an ISO-8601")]
    [InlineData("\"timestamp\":\"2026-05-27T10:00:00.123Z\"", "\"timestamp\":true", "meta.timestamp must be an ISO-8601")]
    [InlineData("\"user_id\":\"777\"", "\"user_id\":\"someone\"", "meta.user_id must be a whole")]
    [InlineData("\"attempt\":1", "\"attempt\":\"first\"", "meta.attempt must be a whole number")]
    [InlineData("\"attempt\":1", "\"attempt\":0", "meta.attempt must be a small whole number")]
    [InlineData("\"is_bulk_edit\":false", "\"is_bulk_edit\":\"maybe\"", "meta.is_bulk_edit must be true or false")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":null", "A change webhook must carry the object in data")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":[1]", "data must be an object, not an array")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"emails\":5}", "data.emails must be an array")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"emails\":[5]}", "data.emails[0] must be an object")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"emails\":[{\"value\":{}}]}", "data.emails[0].value must be text")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"name\":{\"x\":1}}", "data.name must be text")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"org_id\":\"Acme\"}", "data.org_id must be a whole")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"update_time\":\"soon\"}", "data.update_time must be an ISO-8601")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"custom_fields\":[]}", "data.custom_fields must be an object")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"custom_fields\":{\"k\":{\"type\":\"enum\",\"id\":\"x\"}}}", "data.custom_fields.k.id must be a whole")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"custom_fields\":{\"k\":{\"type\":\"set\",\"values\":{}}}}", "data.custom_fields.k.values must be an array")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"custom_fields\":{\"k\":{\"type\":\"set\",\"values\":[1,\"x\"]}}}", "data.custom_fields.k.values[1] must be a whole")]
    [InlineData("\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"data\":{\"id\":42,\"org_id\":{\"value\":-3}}", "data.org_id.value must be a whole")]
    [InlineData("\"previous\":null", "\"previous\":\"old\"", "previous must be an object, not a string")]
    [InlineData("\"previous\":null", "\"previous\":{\"id\":41}", "previous.id 41 does not match the entity id 42")]
    public void Bad_v2_envelopes_and_objects(string replace, string with, string expected) =>
        Assert.Contains(expected, Rejected(WithMeta(replace, with)), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"title\":\"x\",\"value\":\"lots\"", "data.value must be a number")]
    [InlineData("\"title\":\"x\",\"value\":1e400", "data.value must be a number")]
    [InlineData("\"title\":\"x\",\"expected_close_date\":\"30.06.2026\"", "data.expected_close_date must be a date")]
    [InlineData("\"title\":\"x\",\"person_id\":true", "data.person_id must be a whole")]
    public void Bad_deal_values(string fields, string expected) =>
        Assert.Contains(expected, Rejected(V2("deal", "change", $$"""{"id":42,{{fields}} }""")), StringComparison.Ordinal);

    [Theory]
    [InlineData("\"timestamp\":1739827618,\"timestamp_micro\":1739827618595189,", "", "meta.timestamp is missing")]
    [InlineData("\"timestamp_micro\":1739827618595189", "\"timestamp_micro\":\"soon\"", "meta.timestamp_micro must be a whole number")]
    [InlineData("\"timestamp_micro\":1739827618595189", "\"timestamp_micro\":-1", "meta.timestamp_micro is out of range")]
    [InlineData("\"company_id\":1234567890", "\"company_id\":1234567891", "does not match the company")]
    [InlineData("\"retry\":0", "\"retry\":\"again\"", "retry must be a whole number")]
    [InlineData("\"current\":{\"id\":11}", "\"current\":null", "must carry the object in current")]
    [InlineData("\"current\":{\"id\":11}", "\"current\":{\"id\":12}", "current.id 12 does not match the entity id 11")]
    [InlineData("\"current\":{\"id\":11}", "\"current\":{\"id\":11,\"email\":\"\",\"phone\":5,\"email\":1}", "repeats a property")]
    public void Bad_v1_envelopes(string replace, string with, string expected)
    {
        var json = V1("person", "updated", """{"id":11}""").Replace(replace, with, StringComparison.Ordinal);
        Assert.Contains(expected, Rejected(json, V1CompanyId), StringComparison.Ordinal);
    }

    [Fact]
    public void V1_without_any_id_is_rejected()
    {
        var json = V1("person", "updated", """{"name":"x"}""").Replace("\"id\":11,", string.Empty, StringComparison.Ordinal);

        Assert.Contains("meta.id is missing", Rejected(json, V1CompanyId), StringComparison.Ordinal);
    }

    [Fact]
    public void Company_mismatch_is_rejected_for_the_reference_example()
    {
        var reason = Rejected(V2PersonChange, companyId: 1);

        Assert.Equal("meta.company_id 8087566 does not match the company 1 this webhook URL belongs to.", reason);
    }

    [Fact]
    public void Nesting_up_to_32_levels_is_accepted_and_deeper_is_rejected()
    {
        // The envelope object is level 1 and data level 2; the extra field adds the rest.
        static string Nested(int levels) => V2("person", "change", $$"""{"id":42,"x":{{new string('[', levels - 2)}}{{new string(']', levels - 2)}} }""");

        Assert.Equal(WebhookParseStatus.Parsed, Parse(Nested(32)).Status);
        Assert.Contains("nested deeper than 32", Rejected(Nested(33)), StringComparison.Ordinal);
        Assert.Contains("nested deeper than 32", Rejected(new string('[', 100_000)), StringComparison.Ordinal);
        Assert.Contains("nested deeper than 32", Rejected(string.Concat(Enumerable.Repeat("{\"a\":", 5000))), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected()
    {
        var bytes = Encoding.UTF8.GetBytes(V2("person", "change", """{"id":42,"name":"AB"}"""));
        var index = Array.IndexOf(bytes, (byte)'A');
        bytes[index] = 0xC3;
        bytes[index + 1] = 0x28;

        var result = PipedriveWebhookParser.Parse(bytes, V2CompanyId);

        Assert.Equal(WebhookParseStatus.Rejected, result.Status);
        Assert.Contains("UTF-8", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lone_surrogate_escape_is_rejected()
    {
        var result = Parse(V2("person", "change", """{"id":42,"name":"\uD800"}"""));

        Assert.Equal(WebhookParseStatus.Rejected, result.Status);
    }

    public static TheoryData<string> RealPayloads => new()
    {
        V2PersonChange,
        V2DealCreate,
        V1PersonUpdate,
    };

    [Theory]
    [MemberData(nameof(RealPayloads))]
    public void Every_truncation_of_a_real_payload_is_rejected(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        for (var length = 0; length < bytes.Length; length++)
        {
            var result = PipedriveWebhookParser.Parse(bytes.AsSpan(0, length), 8087566);
            Assert.True(result.Status == WebhookParseStatus.Rejected, $"prefix of {length} bytes: {result}");
            Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        }
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20260527);
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            var result = PipedriveWebhookParser.Parse(bytes, V2CompanyId);
            Assert.Equal(WebhookParseStatus.Rejected, result.Status);
        }
    }

    [Theory]
    [MemberData(nameof(RealPayloads))]
    public void Mutated_real_payloads_never_throw(string payload)
    {
        var random = new Random(payload.Length);
        var original = Encoding.UTF8.GetBytes(payload);
        const string Alphabet = "{}[]\",:0123456789.-eE truefalsn\\u";
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = random.Next(4) == 0
                    ? (byte)random.Next(256)
                    : (byte)Alphabet[random.Next(Alphabet.Length)];
            }

            var result = PipedriveWebhookParser.Parse(bytes, random.Next(2) == 0 ? V2CompanyId : V1CompanyId);
            Assert.True(Enum.IsDefined(result.Status));
            Assert.Equal(result.Status == WebhookParseStatus.Parsed, result.Meta is not null);
            Assert.Equal(result.Status != WebhookParseStatus.Parsed, result.Reason is not null);
        }
    }

    [Fact]
    public void Structurally_wrong_but_valid_json_never_throws()
    {
        string[] values = ["null", "true", "0", "-1", "1.5", "1e400", "\"\"", "\"x\"", "[]", "{}", "[null]", "[{}]", "{\"value\":{}}", "99999999999999999999999"];
        string[] places =
        [
            "\"company_id\":\"8087566\"", "\"entity_id\":\"42\"", "\"timestamp\":\"2026-05-27T10:00:00.123Z\"", "\"version\":\"2.0\"",
            "\"data\":{\"id\":42,\"name\":\"Ann\"}", "\"id\":42,", "\"name\":\"Ann\"",
        ];
        foreach (var place in places)
        {
            var key = place[..(place.IndexOf(':', StringComparison.Ordinal) + 1)];
            foreach (var value in values)
            {
                var replacement = key + value + (place.EndsWith(',') ? "," : string.Empty);
                var result = Parse(WithMeta(place, replacement));
                Assert.True(Enum.IsDefined(result.Status));
            }
        }
    }
}
