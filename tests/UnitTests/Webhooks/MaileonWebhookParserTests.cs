using System.Text;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.UnitTests.Webhooks;

public sealed class MaileonWebhookParserTests
{
    private static readonly DateTimeOffset Received = new(2026, 5, 27, 10, 15, 30, TimeSpan.Zero);

    private static Dictionary<string, string> Params(string? email = "max@example.com", string? externalId = "pd-8087566-42")
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (email is not null)
        {
            query["email"] = email;
        }

        if (externalId is not null)
        {
            query["external_id"] = externalId;
        }

        return query;
    }

    private static MaileonWebhookParseResult Parse(MaileonEventKind kind, IReadOnlyDictionary<string, string> query, string body = "", DateTimeOffset? received = null) =>
        MaileonWebhookParser.Parse(kind, query, Encoding.UTF8.GetBytes(body), received ?? Received);

    private static MaileonEvent Parsed(MaileonEventKind kind, IReadOnlyDictionary<string, string> query, string body = "", DateTimeOffset? received = null)
    {
        var result = Parse(kind, query, body, received);
        Assert.True(result.Status == WebhookParseStatus.Parsed, result.ToString());
        return result.Event!;
    }

    private static string Rejected(MaileonEventKind kind, IReadOnlyDictionary<string, string> query, string body = "")
    {
        var result = Parse(kind, query, body);
        Assert.True(result.Status == WebhookParseStatus.Rejected, result.ToString());
        Assert.Null(result.Event);
        return result.Reason!;
    }

    /// <summary>What Maileon sends with our registration (standard fields email, external_id; event fields timestamp, msg_id).</summary>
    private const string SandboxLikeBody = """
        {"email":"max@example.com","external_id":"pd-8087566-42","timestamp":"2026-05-27 10:14:02","msg_id":"7341","source":"link",
         "method":"link","transaction_id":null,"mailing_id":null,"reason":null}
        """;

    [Theory]
    [InlineData(MaileonEventKind.DoiConfirmed)]
    [InlineData(MaileonEventKind.Unsubscribed)]
    public void Url_parameters_only(MaileonEventKind kind)
    {
        var e = Parsed(kind, Params());

        Assert.Equal(kind, e.Kind);
        Assert.Equal("max@example.com", e.Email);
        Assert.Equal("pd-8087566-42", e.ExternalId);
        Assert.Null(e.Timestamp);
        Assert.Null(e.MailingId);
        Assert.Null(e.MaileonContactId);
        Assert.StartsWith("maileon:", e.EventId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MaileonEventKind.DoiConfirmed)]
    [InlineData(MaileonEventKind.Unsubscribed)]
    public void Json_body(MaileonEventKind kind)
    {
        var e = Parsed(kind, Params(), SandboxLikeBody);

        Assert.Equal("max@example.com", e.Email);
        Assert.Equal("pd-8087566-42", e.ExternalId);
        Assert.Equal(new DateTimeOffset(2026, 5, 27, 10, 14, 2, TimeSpan.Zero), e.Timestamp);
        Assert.Null(e.MailingId);
    }

    [Fact]
    public void Body_alone_is_enough_and_carries_the_optional_ids()
    {
        var e = Parsed(
            MaileonEventKind.Unsubscribed,
            Params(email: null, externalId: null),
            """{"email":"max@example.com","external_id":"pd-1-2","timestamp":1779876842,"mailing_id":55,"contact_id":"9001"}""");

        Assert.Equal("pd-1-2", e.ExternalId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1779876842), e.Timestamp);
        Assert.Equal("55", e.MailingId);
        Assert.Equal(9001, e.MaileonContactId);
    }

    [Fact]
    public void Event_id_is_stable_across_redeliveries_and_differs_between_events()
    {
        var first = Parsed(MaileonEventKind.Unsubscribed, Params(), SandboxLikeBody, Received);
        var redelivered = Parsed(MaileonEventKind.Unsubscribed, Params(), SandboxLikeBody, Received.AddHours(3));
        var otherKind = Parsed(MaileonEventKind.DoiConfirmed, Params(), SandboxLikeBody, Received);
        var later = Parsed(MaileonEventKind.Unsubscribed, Params(), SandboxLikeBody.Replace("10:14:02", "11:00:00", StringComparison.Ordinal), Received);
        var otherContact = Parsed(MaileonEventKind.Unsubscribed, Params(), SandboxLikeBody.Replace("max@", "moritz@", StringComparison.Ordinal), Received);

        Assert.Equal(first.EventId, redelivered.EventId);
        Assert.NotEqual(first.EventId, otherKind.EventId);
        Assert.NotEqual(first.EventId, later.EventId);
        Assert.NotEqual(first.EventId, otherContact.EventId);
    }

    [Fact]
    public void Without_a_timestamp_a_redelivery_is_recognised_within_the_minute_only()
    {
        var first = Parsed(MaileonEventKind.Unsubscribed, Params(), received: Received);
        var soon = Parsed(MaileonEventKind.Unsubscribed, Params(), received: Received.AddSeconds(20));
        var hourLater = Parsed(MaileonEventKind.Unsubscribed, Params(), received: Received.AddHours(1));

        Assert.Equal(first.EventId, soon.EventId);
        Assert.NotEqual(first.EventId, hourLater.EventId);
    }

    [Fact]
    public void Missing_email_is_rejected()
    {
        Assert.Contains("e-mail address is missing", Rejected(MaileonEventKind.DoiConfirmed, Params(email: null)), StringComparison.Ordinal);
        Assert.Contains("e-mail address is missing", Rejected(MaileonEventKind.DoiConfirmed, Params(email: "  ")), StringComparison.Ordinal);
        Assert.Contains("e-mail address is missing", Rejected(MaileonEventKind.Unsubscribed, Params(email: null), """{"email":null,"external_id":"pd-1-2"}"""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("a@b")]
    [InlineData("@example.com")]
    [InlineData("max@")]
    [InlineData("max@@example.com")]
    [InlineData("max@exa@mple.com")]
    [InlineData("max@.example.com")]
    [InlineData("max@example.com.")]
    [InlineData("max@example..com")]
    [InlineData("max\u0000@example.com")]
    [InlineData("max@exam ple.com")]
    public void Bad_email_is_rejected(string email)
    {
        Assert.Contains("is not an e-mail address", Rejected(MaileonEventKind.DoiConfirmed, Params(email: email.Replace(' ', '\t'))), StringComparison.Ordinal);
        var body = $$"""{"email":{{System.Text.Json.JsonSerializer.Serialize(email)}} }""";
        Assert.Contains("is not an e-mail address", Rejected(MaileonEventKind.DoiConfirmed, Params(email: null), body), StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_email_is_rejected()
    {
        var email = new string('a', 400) + "@example.com";

        Assert.Contains("is not an e-mail address", Rejected(MaileonEventKind.DoiConfirmed, Params(email: email)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first.last+news@example.com")]
    [InlineData("jörg.müller@bücher.example")]
    [InlineData("用户@例子.广告")]
    [InlineData("o'brien@example.ie")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com")]
    public void Legal_addresses_are_accepted(string email)
    {
        Assert.Equal(email, Parsed(MaileonEventKind.DoiConfirmed, Params(email: email)).Email);
        Assert.Equal(email, Parsed(MaileonEventKind.DoiConfirmed, Params(email: null), $$"""{"email":{{System.Text.Json.JsonSerializer.Serialize(email)}} }""").Email);
    }

    [Fact]
    public void Plus_decoded_to_a_space_in_the_url_is_repaired()
    {
        Assert.Equal("max+news@example.com", Parsed(MaileonEventKind.Unsubscribed, Params(email: "max news@example.com")).Email);
    }

    [Fact]
    public void Body_email_wins_over_the_url_parameter()
    {
        var e = Parsed(MaileonEventKind.Unsubscribed, Params(email: "mangled@example.com", externalId: "pd-9-9"), """{"email":"max+news@example.com","external_id":"pd-1-2"}""");

        Assert.Equal("max+news@example.com", e.Email);
        Assert.Equal("pd-1-2", e.ExternalId);
    }

    [Fact]
    public void Parameter_names_are_matched_case_insensitively_as_a_fallback()
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal) { ["EMAIL"] = "max@example.com", ["External_Id"] = "pd-1-2" };

        var e = Parsed(MaileonEventKind.DoiConfirmed, query);

        Assert.Equal("max@example.com", e.Email);
        Assert.Equal("pd-1-2", e.ExternalId);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("crm:abc-1")]
    [InlineData("pd:8087566:42")]
    [InlineData("pd-0-42")]
    public void External_ids_of_other_formats_are_kept_as_sent(string externalId)
    {
        var e = Parsed(MaileonEventKind.Unsubscribed, Params(externalId: externalId));

        Assert.Equal(externalId, e.ExternalId);
        Assert.False(ContactExternalId.TryParse(e.ExternalId, out _, out _));
    }

    [Fact]
    public void Empty_external_id_is_absent()
    {
        Assert.Null(Parsed(MaileonEventKind.Unsubscribed, Params(externalId: "")).ExternalId);
        Assert.Null(Parsed(MaileonEventKind.Unsubscribed, Params(externalId: null), """{"email":"max@example.com","external_id":null}""").ExternalId);
    }

    [Fact]
    public void Overlong_external_id_is_rejected()
    {
        Assert.Contains("external id is longer", Rejected(MaileonEventKind.Unsubscribed, Params(externalId: new string('x', 256))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "not complete JSON")]
    [InlineData("email=max@example.com", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{\"email\":{\"value\":\"max@example.com\"}}", "email must be text")]
    [InlineData("{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}", "repeats a property")]
    public void Bad_bodies_are_rejected(string body, string expected)
    {
        Assert.Contains(expected, Rejected(MaileonEventKind.DoiConfirmed, Params(), body), StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_optional_values_do_not_reject()
    {
        var e = Parsed(MaileonEventKind.DoiConfirmed, Params(), """{"timestamp":"some day","contact_id":"abc","msg_id":{"x":1}}""");

        Assert.Null(e.Timestamp);
        Assert.Null(e.MaileonContactId);
    }

    [Fact]
    public void Undefined_kind_is_rejected()
    {
        Assert.Contains("Unknown Maileon event kind", Rejected((MaileonEventKind)7, Params()), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bodies_never_throw()
    {
        var random = new Random(5102);
        var original = Encoding.UTF8.GetBytes(SandboxLikeBody);
        for (var i = 0; i < 3_000; i++)
        {
            byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
            }
            else
            {
                bytes = original[..random.Next(original.Length)];
            }

            var result = MaileonWebhookParser.Parse(MaileonEventKind.Unsubscribed, Params(), bytes, Received);
            Assert.True(Enum.IsDefined(result.Status));
            Assert.Equal(result.Status == WebhookParseStatus.Parsed, result.Event is not null);
        }
    }
}
