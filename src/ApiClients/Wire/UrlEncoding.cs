namespace PipedriveMaileon.ApiClients.Wire;

internal static class UrlEncoding
{
    /// <summary>
    /// RFC 3986 percent-encoding for a path segment or query value: everything but unreserved characters is
    /// encoded, so <c>+</c> becomes <c>%2B</c> (never a space), <c>@</c> becomes <c>%40</c>, a space <c>%20</c>,
    /// and non-ASCII characters their UTF-8 bytes.
    /// </summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);
}
