using System.Net;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>The key and its account: <c>/ping</c> with each verb, and <c>/account/info</c>.</summary>
public sealed class MaileonAccount(MaileonTransport transport)
{
    private const int MinApiKeyLength = 12;
    private const int MaxApiKeyLength = 265;

    private static readonly HttpMethod[] PingMethods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete];

    /// <summary><c>GET|POST|PUT|DELETE /ping</c>: whether the key may use that HTTP method (200, no body).</summary>
    public async Task<MaileonPingResult> PingAsync(MaileonConnection connection, HttpMethod method, CancellationToken cancellationToken = default) =>
        (await PingWithMessageAsync(connection, method, cancellationToken)).Result;

    /// <summary>
    /// Pings with GET, POST, PUT and DELETE (the app needs all four: DELETE unsubscribes) and classifies the key.
    /// Transient failures are thrown, so "Maileon is down" is never reported as "the key is wrong".
    /// </summary>
    public async Task<MaileonApiKeyCheck> CheckApiKeyAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var key = connection.ApiKey;
        if (key.Length is < MinApiKeyLength or > MaxApiKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return new MaileonApiKeyCheck(MaileonApiKeyStatus.Malformed, []);
        }

        var missing = new List<string>();
        foreach (var method in PingMethods)
        {
            var (result, serverMessage) = await PingWithMessageAsync(connection, method, cancellationToken);
            switch (result)
            {
                case MaileonPingResult.Unauthorized:
                    return new MaileonApiKeyCheck(MaileonApiKeyStatus.Invalid, [], serverMessage);
                case MaileonPingResult.Forbidden:
                    missing.Add(method.Method);
                    break;
            }
        }

        return new MaileonApiKeyCheck(missing.Count == 0 ? MaileonApiKeyStatus.Valid : MaileonApiKeyStatus.MissingPrivileges, missing);
    }

    /// <summary><c>GET /account/info</c> with <c>Accept: application/json</c> (docs: "Get Account Information").</summary>
    public async Task<MaileonAccountInfo> GetAccountInfoAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        var reply = await transport.SendAsync(
            connection, "GetAccountInfo", HttpMethod.Get, "account/info", null, null, MaileonTransport.JsonMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("GetAccountInfo", reply, connection);
        using var document = MaileonTransport.ParseJson("GetAccountInfo", reply);
        return MaileonAccountInfo.Parse(document.RootElement);
    }

    private async Task<(MaileonPingResult Result, string? ServerMessage)> PingWithMessageAsync(
        MaileonConnection connection, HttpMethod method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var body = method == HttpMethod.Post || method == HttpMethod.Put ? Array.Empty<byte>() : null;
        var reply = await transport.SendAsync(
            connection, "Ping", method, "ping", body, MaileonTransport.XmlContentType, MaileonTransport.XmlMediaType, true, cancellationToken);
        return reply switch
        {
            { IsSuccess: true } => (MaileonPingResult.Ok, null),
            { Status: HttpStatusCode.Unauthorized } => (MaileonPingResult.Unauthorized,
                SecretScrubber.Scrub(MaileonXml.ErrorMessage(reply.Body), [connection.ApiKey, connection.BasicCredentials])),
            { Status: HttpStatusCode.Forbidden } => (MaileonPingResult.Forbidden, null),
            _ => throw MaileonTransport.Failure("Ping", reply, connection),
        };
    }
}
