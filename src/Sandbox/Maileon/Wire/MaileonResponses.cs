using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace PipedriveMaileon.Sandbox.Maileon.Wire;

/// <summary>
/// Answers in Maileon's wire formats: XML documents, <c>&lt;id&gt;</c> bodies, JSON, and the XML error envelope,
/// each with the bare media type Maileon's documentation shows (no <c>charset</c> parameter, see <see cref="MaileonBody"/>).
/// </summary>
public static class MaileonResponses
{
    /// <summary>Maileon's XML media type, for requests and answers (docs: "HTTP Status Codes", "Get Contact By Maileon ID").</summary>
    public const string XmlMediaType = "application/vnd.maileon.api+xml";

    /// <summary>Contact bodies may also be JSON in this media type (docs: "Create Contact (JSON)"); Maileon never answers with it.</summary>
    public const string JsonMediaType = "application/vnd.maileon.api+json";

    /// <summary>Transactions, webhooks and account info answer plain JSON (docs: "Get Transaction", "Get Webhooks").</summary>
    public const string PlainJsonMediaType = "application/json";

    /// <summary>Account info answers XML in this type when asked for it (docs: "Get Account Information").</summary>
    public const string PlainXmlMediaType = "application/xml";

    /// <summary>The declaration of the docs' examples ("Get Contact By Maileon ID", "HTTP Status Codes").</summary>
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>Maileon writes <c>+</c> and non-ASCII characters as they are (e.g. the account's <c>+0200</c> offset).</summary>
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Document(XElement root) => Declaration + root.ToString(SaveOptions.DisableFormatting);

    public static IResult Xml(XElement root, int status = StatusCodes.Status200OK, string mediaType = XmlMediaType) =>
        new MaileonBody(status, mediaType, Document(root));

    /// <summary>A created object's id, <c>201</c> with <c>&lt;id&gt;1915&lt;/id&gt;</c> (docs: "Create Webhook").</summary>
    public static IResult Id(long id, int status = StatusCodes.Status201Created) =>
        Xml(new XElement("id", id), status);

    public static IResult Count(long count) => Xml(new XElement("count", count));

    public static IResult JsonBody(JsonNode node, int status = StatusCodes.Status200OK) =>
        new MaileonBody(status, PlainJsonMediaType, node.ToJsonString(Json));

    /// <summary>The error report of the docs' "HTTP Status Codes" page: <c>&lt;error&gt;&lt;message&gt;…</c> in Maileon's XML type.</summary>
    public static IResult Error(int status, string message) =>
        Xml(ErrorElement(message), status);

    public static XElement ErrorElement(string message) => new("error", new XElement("message", message));

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, message);

    public static IResult UnsupportedMediaType(string? given, params string[] accepted) =>
        Error(StatusCodes.Status415UnsupportedMediaType,
            $"Content-Type '{given ?? "(none)"}' is not supported here; use {string.Join(" or ", accepted)}.");

    /// <summary>Adds Maileon's paging headers: <c>X-Items</c>, <c>X-Pages</c>.</summary>
    public static void Paging(HttpContext context, int items, int pageSize)
    {
        context.Response.Headers["X-Items"] = items.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pages = items == 0 ? 0 : (items + pageSize - 1) / pageSize;
        context.Response.Headers["X-Pages"] = pages.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool PrefersJson(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);
}
