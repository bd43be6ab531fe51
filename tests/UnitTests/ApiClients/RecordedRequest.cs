using System.Text;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>What the stub handler saw of one request, read before the client could dispose it.</summary>
internal sealed record RecordedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Authorization,
    string? Accept,
    string? ContentType,
    byte[]? Body,
    DateTimeOffset At)
{
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);

    /// <summary>The path and query exactly as sent on the wire (percent-encoding intact).</summary>
    public string PathAndQuery => Uri.PathAndQuery;

    public string Path => Uri.AbsolutePath;

    public string Query => Uri.Query;

    public string? BasicCredentials =>
        Authorization is { } value && value.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(value["Basic ".Length..]))
            : null;
}
