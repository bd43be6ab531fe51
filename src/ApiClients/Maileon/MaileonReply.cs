using System.Globalization;
using System.Net;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>A fully read Maileon response: small bodies, so reading them whole keeps the calls simple.</summary>
internal sealed record MaileonReply(HttpStatusCode Status, string Body, TimeSpan? RetryAfter, long? TotalItems, int? TotalPages)
{
    public bool IsSuccess => (int)Status is >= 200 and <= 299;

    public static async Task<MaileonReply> ReadAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken) => new(
        response.StatusCode,
        await response.Content.ReadAsStringAsync(cancellationToken),
        Resilience.RetryHint.RetryAfter(response, time),
        Header(response, "X-Items"),
        Header(response, "X-Pages") is { } pages ? (int)Math.Clamp(pages, 0, int.MaxValue) : null);

    private static long? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
