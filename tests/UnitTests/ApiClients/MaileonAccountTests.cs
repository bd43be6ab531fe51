using System.Net;
using System.Text;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Ping, the API key check, account info, and how failures are classified and scrubbed.</summary>
public sealed class MaileonAccountTests : MaileonClientTestBase
{
    [Fact]
    public async Task PingSendsTheKeyAsBasicWithoutColon()
    {
        harness.Handler.Respond(HttpStatusCode.OK, "");

        var result = await harness.MaileonAccount.PingAsync(connection, HttpMethod.Get);

        var request = harness.Handler.Single;
        Assert.Equal(MaileonPingResult.Ok, result);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://127.0.0.1:5102/1.0/ping", request.Uri.AbsoluteUri);
        Assert.Equal($"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey))}", request.Authorization);
        Assert.Equal(ApiKey, request.BasicCredentials);
    }

    [Fact]
    public async Task KeyCheckPingsEveryMethodTheAppUses()
    {
        harness.Handler.Respond(HttpStatusCode.OK, "");

        var check = await harness.MaileonAccount.CheckApiKeyAsync(connection);

        Assert.Equal(MaileonApiKeyStatus.Valid, check.Status);
        Assert.True(check.IsValid);
        Assert.Empty(check.MissingPrivileges);
        Assert.Equal(["GET", "POST", "PUT", "DELETE"], harness.Handler.Requests.Select(r => r.Method.Method));
        Assert.All(harness.Handler.Requests, r => Assert.Equal($"{Base}/ping", r.Path));
    }

    [Fact]
    public async Task KeyCheckReportsAnInvalidOrExpiredKeyOnTheFirst401()
    {
        harness.Handler.Respond(HttpStatusCode.Unauthorized, "");

        var check = await harness.MaileonAccount.CheckApiKeyAsync(connection);

        Assert.Equal(MaileonApiKeyStatus.Invalid, check.Status);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task KeyCheckNamesTheMethodsTheKeyMayNotUse()
    {
        harness.Handler.Respond(request => request.Method == HttpMethod.Delete || request.Method == HttpMethod.Put
            ? StubHttpHandler.Build(HttpStatusCode.Forbidden, "", "text/plain")
            : StubHttpHandler.Build(HttpStatusCode.OK, "", "text/plain"));

        var check = await harness.MaileonAccount.CheckApiKeyAsync(connection);

        Assert.Equal(MaileonApiKeyStatus.MissingPrivileges, check.Status);
        Assert.Equal(["PUT", "DELETE"], check.MissingPrivileges);
    }

    [Theory]
    [InlineData("a1b2c3d4-e5f")]
    [InlineData(" a1b2c3d4-e5f6-7890-abcd-ef1234567890")]
    [InlineData("short")]
    public async Task KeyCheckRecognisesTruncatedOrPaddedKeysWithoutCallingMaileon(string key)
    {
        var check = await harness.MaileonAccount.CheckApiKeyAsync(new MaileonConnection(1, key.Length == 12 ? key[..11] : key));

        Assert.Equal(MaileonApiKeyStatus.Malformed, check.Status);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task KeyCheckDoesNotMistakeAnOutageForABadKey()
    {
        harness.Handler.Respond(HttpStatusCode.BadGateway, "", "text/html");

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonAccount.CheckApiKeyAsync(connection));

        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task AccountInfoIsReadAsJson()
    {
        harness.Handler.Respond(HttpStatusCode.OK, MaileonExamples.AccountInfo);

        var info = await harness.MaileonAccount.GetAccountInfoAsync(connection);

        var request = harness.Handler.Single;
        Assert.Equal($"{Base}/account/info", request.Path);
        Assert.Equal("application/json", request.Accept);
        Assert.Equal(12345, info.Id);
        Assert.Equal("Test NL Account", info.Name);
        Assert.Equal(234, info.CustomerAccountId);
        Assert.Equal("Test Customer", info.CustomerAccountName);
        Assert.Equal("test.maileon.de", info.MailingDomain);
        Assert.Equal("production", info.Type);
        Assert.Equal(new DateTimeOffset(2020, 7, 6, 9, 41, 0, TimeSpan.FromHours(2)), info.Created);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, ApiFailureKind.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, ApiFailureKind.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden, ApiFailureKind.Forbidden)]
    [InlineData(HttpStatusCode.NotFound, ApiFailureKind.NotFound)]
    [InlineData(HttpStatusCode.Conflict, ApiFailureKind.Conflict)]
    [InlineData(HttpStatusCode.UnsupportedMediaType, ApiFailureKind.Rejected)]
    [InlineData(HttpStatusCode.HttpVersionNotSupported, ApiFailureKind.Rejected)]
    public async Task FailuresAreClassifiedWithTheXmlErrorMessage(HttpStatusCode status, ApiFailureKind expected)
    {
        harness.Handler.Respond(status, MaileonExamples.Error, MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonAccount.GetAccountInfoAsync(connection));

        Assert.Equal(expected, failure.Kind);
        Assert.Equal((int)status, failure.StatusCode);
        Assert.Equal("page_size must not exceed 1000 but was 200000", failure.ServerMessage);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task ApiKeyEchoedByTheServerNeverReachesTheException()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey));
        harness.Handler.Respond(
            HttpStatusCode.Unauthorized, $"<error><message>API key {ApiKey} ({encoded}) has expired</message></error>", MaileonExamples.XmlType);

        var failure = await Assert.ThrowsAsync<MaileonApiException>(() => harness.MaileonAccount.GetAccountInfoAsync(connection));

        Assert.DoesNotContain(ApiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(encoded, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("has expired", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, connection.ToString(), StringComparison.Ordinal);
    }
}
