using System.Net;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>
/// Exact assertions on Maileon answers: status, the raw <c>Content-Type</c> header (Maileon's official PHP client
/// compares it with <c>===</c>, so <c>; charset=utf-8</c> would make it ignore the body) and the whole body.
/// </summary>
internal static class MaileonWire
{
    public const string ApiXml = "application/vnd.maileon.api+xml";
    public const string PlainJson = "application/json";
    public const string PlainXml = "application/xml";

    /// <summary>The declaration of the documentation's examples.</summary>
    public const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>The header as sent, not as .NET re-formats a parsed value.</summary>
    public static string? RawContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? string.Join(", ", values) : null;

    public static async Task<string> AssertBody(HttpResponseMessage response, HttpStatusCode status, string contentType, string expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal(contentType, RawContentType(response));
        Assert.Equal(expected, body);
        return body;
    }

    public static Task<string> AssertXml(HttpResponseMessage response, HttpStatusCode status, string expectedRoot, string contentType = ApiXml) =>
        AssertBody(response, status, contentType, Declaration + expectedRoot);

    public static Task<string> AssertJson(HttpResponseMessage response, HttpStatusCode status, string expected) =>
        AssertBody(response, status, PlainJson, expected);

    /// <summary>The documented error report: <c>&lt;error&gt;&lt;message&gt;…&lt;/message&gt;&lt;/error&gt;</c> in Maileon's XML type.</summary>
    public static Task<string> AssertError(HttpResponseMessage response, HttpStatusCode status, string message) =>
        AssertXml(response, status, $"<error><message>{new System.Xml.Linq.XText(message)}</message></error>");

    /// <summary>Answers Maileon documents without a body (ping, 204s, 201 of a custom field) carry no content type either.</summary>
    public static async Task AssertNoBody(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {body}");
        Assert.Equal(string.Empty, body);
        Assert.Null(RawContentType(response));
    }

    public static void AssertPaging(HttpResponseMessage response, int items, int pages)
    {
        Assert.Equal(items.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Items")));
        Assert.Equal(pages.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Pages")));
    }

    /// <summary>The number inside <c>&lt;id&gt;n&lt;/id&gt;</c>.</summary>
    public static long IdOf(string body) =>
        long.Parse(System.Xml.Linq.XElement.Parse(body).Value, System.Globalization.CultureInfo.InvariantCulture);
}
