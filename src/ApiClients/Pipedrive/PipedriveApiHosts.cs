using System.Net;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// Which hosts a tenant's <c>api_domain</c> (from Pipedrive's token response) may name, from
/// <c>Pipedrive:AllowedApiHosts</c>: host names (<c>api.example.test</c>) or <c>*.suffix</c> patterns, which match the
/// suffix itself and every name under it (<c>*.pipedrive.com</c>: <c>pipedrive.com</c>, <c>acme.pipedrive.com</c>,
/// never <c>evilpipedrive.com</c>). Only <c>https</c> is accepted, except <c>http</c> to a loopback host (the
/// sandbox on this machine) and, in Development only, to any allowed host (the sandbox in another container). The bearer token and webhook credentials go to this host, so anything else in a token
/// response is refused, not stored.
/// </summary>
public sealed class PipedriveApiHosts
{
    /// <summary>The default: Pipedrive itself.</summary>
    public const string DefaultPattern = "*.pipedrive.com";

    private readonly string[] exact;
    private readonly string[] suffixes;
    private readonly bool httpToAnyAllowedHost;

    /// <param name="patterns">Host names and <c>*.suffix</c> patterns; none means <see cref="DefaultPattern"/>.</param>
    /// <param name="httpToAnyAllowedHost">True in Development only: http to any allowed host, not just a loopback one.</param>
    public PipedriveApiHosts(IEnumerable<string> patterns, bool httpToAnyAllowedHost = false)
    {
        this.httpToAnyAllowedHost = httpToAnyAllowedHost;
        ArgumentNullException.ThrowIfNull(patterns);
        var list = patterns.Select(p => (p ?? "").Trim().ToLowerInvariant()).Where(p => p.Length > 0).ToList();
        if (list.Count == 0)
        {
            list.Add(DefaultPattern);
        }

        var problems = list.Select(Problem).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(patterns));
        }

        exact = [.. list.Where(p => !p.StartsWith("*.", StringComparison.Ordinal))];
        suffixes = [.. list.Where(p => p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p[2..])];
    }

    /// <summary>Why <paramref name="pattern"/> cannot be an entry of the list; null when it can.</summary>
    public static string? Problem(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        if (host.Length == 0 || host.Contains('*', StringComparison.Ordinal) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return $"'{pattern}' is not a host name or a *.suffix pattern.";
        }

        return pattern.StartsWith("*.", StringComparison.Ordinal) && !host.Contains('.', StringComparison.Ordinal)
            ? $"'{pattern}' would allow a whole top-level domain."
            : null;
    }

    /// <summary>
    /// The API base named by <paramref name="apiDomain"/> when it is acceptable (an absolute <c>https</c> URL, or
    /// <c>http</c> as above, with nothing but scheme, host and port, on an allowed host); otherwise null
    /// and the reason, fit to show an admin (the value holds no secret).
    /// </summary>
    public Uri? Accept(string? apiDomain, out string? problem)
    {
        if (!Uri.TryCreate(apiDomain, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            problem = "Pipedrive's api_domain is not an http(s) address.";
            return null;
        }

        if (uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problem = $"Pipedrive's api_domain {Describe(uri)} carries more than a scheme, host and port.";
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        if (uri.Scheme == "http" && !IsLoopback(host) && !httpToAnyAllowedHost)
        {
            problem = $"Pipedrive's api_domain {Describe(uri)} is not https.";
            return null;
        }

        if (!IsAllowed(host))
        {
            problem = $"Pipedrive's api_domain {Describe(uri)} is not an allowed Pipedrive host (Pipedrive:AllowedApiHosts).";
            return null;
        }

        problem = null;
        return uri;
    }

    private bool IsAllowed(string host) =>
        exact.Contains(host, StringComparer.Ordinal)
        || suffixes.Any(s => host == s || host.EndsWith("." + s, StringComparison.Ordinal));

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string Describe(Uri uri) => $"'{uri.Scheme}://{uri.Authority}'";
}
