using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace PipedriveMaileon.Sandbox.Maileon.Wire;

/// <summary>Answers in Maileon's wire formats: XML documents, <c>&lt;id&gt;</c> bodies, JSON, and the XML error envelope.</summary>
public static class MaileonResponses
{
    public const string XmlMediaType = "application/vnd.maileon.api+xml";
    public const string JsonMediaType = "application/vnd.maileon.api+json";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static string Document(XElement root) => Declaration + root.ToString(SaveOptions.DisableFormatting);

    public static IResult Xml(XElement root, int status = StatusCodes.Status200OK) =>
        Results.Content(Document(root), XmlMediaType, Encoding.UTF8, status);

    public static IResult Id(long id, int status = StatusCodes.Status201Created) =>
        Xml(new XElement("id", id), status);

    public static IResult Count(long count) => Xml(new XElement("count", count));

    public static IResult JsonBody(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(Json), "application/json", Encoding.UTF8, status);

    public static IResult Error(int status, string message) =>
        Xml(new XElement("error", new XElement("message", message)), status);

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
