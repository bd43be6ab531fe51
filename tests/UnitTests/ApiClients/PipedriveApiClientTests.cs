using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

public sealed class PipedriveApiClientTests : IDisposable
{
    private const string AccessToken = "v1u:AQIBAHj-access-token-for-tests";
    private const string NewsletterKey = "9dc80c50d78a15643bfc4ca79d76156a73a1ca0e";

    private readonly ApiClientHarness harness = new();
    private readonly PipedriveConnection connection = new(8087566, new Uri("https://user-company.pipedrive.com"), AccessToken);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task GetCurrentUserSendsBearerTokenAndParsesCompany()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.CurrentUser);

        var user = await harness.Pipedrive.GetCurrentUserAsync(connection);

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://user-company.pipedrive.com/api/v1/users/me", request.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {AccessToken}", request.Authorization);
        Assert.Equal("application/json", request.Accept);
        Assert.Equal(1, user.Id);
        Assert.Equal("Me", user.Name);
        Assert.Equal("me@pipedrive.com", user.Email);
        Assert.True(user.IsAdmin);
        Assert.True(user.IsActive);
        Assert.Equal(54235233, user.CompanyId);
        Assert.Equal("Pipedrive", user.CompanyName);
        Assert.Equal("pipedrive-12g53f", user.CompanyDomain);
        Assert.Equal("EE", user.CompanyCountry);
        Assert.Equal("Europe/Berlin", user.TimezoneName);
    }

    [Fact]
    public async Task GetUserParsesTheUserAndTreats404AsAbsent()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, PipedriveExamples.User)
            .Respond(HttpStatusCode.NotFound, PipedriveExamples.UserNotFound);

        var user = await harness.Pipedrive.GetUserAsync(connection, 2);
        var missing = await harness.Pipedrive.GetUserAsync(connection, 3);

        Assert.Equal("/api/v1/users/2", harness.Handler.Requests[0].PathAndQuery);
        Assert.Equal("/api/v1/users/3", harness.Handler.Requests[1].PathAndQuery);
        Assert.NotNull(user);
        Assert.Equal("Jane Doe", user.Name);
        Assert.Equal("jane@pipedrive.com", user.Email);
        Assert.True(user.IsAdmin);
        Assert.Null(user.CompanyId);
        Assert.Null(missing);
    }

    [Fact]
    public async Task ListPersonFieldsFollowsPaginationAndKeepsOptionIds()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, PipedriveExamples.PersonFieldsPage1)
            .Respond(HttpStatusCode.OK, PipedriveExamples.PersonFieldsPage2);

        var fields = await harness.Pipedrive.ListPersonFieldsAsync(connection);

        Assert.Equal(
            ["/api/v1/personFields?start=0&limit=100", "/api/v1/personFields?start=100&limit=100"],
            harness.Handler.Requests.Select(r => r.PathAndQuery));
        Assert.Equal(["title", NewsletterKey, "d4fb3e1a7c1f0f5e1e8b2c5a9d3e6f7a8b9c0d1e"], fields.Select(f => f.Key));
        var customerType = fields[1];
        Assert.Equal(2, customerType.Id);
        Assert.Equal("enum", customerType.FieldType);
        Assert.True(customerType.IsCustom);
        Assert.False(fields[0].IsCustom);
        Assert.Equal([190L, 191L, 192L], customerType.Options.Select(o => o.Id));
        Assert.Equal(191, customerType.OptionByLabel("Company")?.Id);
        Assert.Equal("Subscribed", fields[2].OptionById(203)?.Label);
    }

    [Fact]
    public async Task CreatePersonFieldPostsNameTypeAndOptionLabels()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.CreatedPersonField);

        var field = await harness.Pipedrive.CreatePersonFieldAsync(
            connection,
            new PipedrivePersonFieldDefinition("Maileon newsletter", "enum", ["Subscribed", "Pending DOI", "Unsubscribed"], AddVisibleFlag: false));

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v1/personFields", request.PathAndQuery);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal(
            """{"name":"Maileon newsletter","field_type":"enum","options":[{"label":"Subscribed"},{"label":"Pending DOI"},{"label":"Unsubscribed"}],"add_visible_flag":false}""",
            request.BodyText);
        Assert.Equal(NewsletterKey, field.Key);
        Assert.Matches("^[0-9a-f]{40}$", field.Key);
        Assert.Equal(192, field.OptionByLabel("Unsubscribed")?.Id);
    }

    [Fact]
    public async Task CreatePersonFieldIsNotRepeatedAfterAServerError()
    {
        harness.Handler.Respond(HttpStatusCode.InternalServerError, """{"success":false,"error":"boom"}""");

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.CreatePersonFieldAsync(
            connection, new PipedrivePersonFieldDefinition("Newsletter", "enum", ["Subscribe"])));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task DeletePersonFieldReportsWhetherItExisted()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, """{"success":true,"data":{"id":123}}""")
            .Respond(HttpStatusCode.NotFound, PipedriveExamples.EntityNotFound);

        Assert.True(await harness.Pipedrive.DeletePersonFieldAsync(connection, 123));
        Assert.False(await harness.Pipedrive.DeletePersonFieldAsync(connection, 123));
        Assert.All(harness.Handler.Requests, r => Assert.Equal(HttpMethod.Delete, r.Method));
        Assert.Equal("/api/v1/personFields/123", harness.Handler.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task GetPersonParsesEmailsAndRawCustomFieldValues()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        var person = await harness.Pipedrive.GetPersonAsync(connection, 1);

        Assert.Equal("https://user-company.pipedrive.com/api/v2/persons/1", harness.Handler.Single.Uri.AbsoluteUri);
        Assert.NotNull(person);
        Assert.Equal("Person Name", person.Name);
        Assert.Equal("Person", person.FirstName);
        Assert.Equal("Name", person.LastName);
        Assert.Equal(1, person.OwnerId);
        Assert.Equal(1, person.OrganizationId);
        Assert.Equal(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), person.UpdateTime);
        Assert.Equal("email1@email.com", person.PrimaryEmail);
        Assert.Equal([("email1@email.com", true, "work"), ("email2@email.com", false, "home")],
            person.Emails.Select(e => (e.Value, e.Primary, e.Label)));
        Assert.False(person.IsDeleted);
        Assert.Equal(JsonValueKind.Number, person.CustomFields[NewsletterKey].ValueKind);
        Assert.Equal(190, person.EnumOptionId(NewsletterKey));
        Assert.Null(person.CustomField("0000000000000000000000000000000000000000"));
    }

    [Fact]
    public async Task GetPersonTurns404IntoNull()
    {
        harness.Handler.Respond(HttpStatusCode.NotFound, PipedriveExamples.EntityNotFound);

        Assert.Null(await harness.Pipedrive.GetPersonAsync(connection, 404));
    }

    [Fact]
    public async Task UpdatePersonCustomFieldsPatchesJsonAndReturnsThePerson()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        var person = await harness.Pipedrive.UpdatePersonCustomFieldsAsync(
            connection, 1, new Dictionary<string, JsonNode?> { [NewsletterKey] = 192, ["3d0f00000000000000000000000000000000c0de"] = null });

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Patch, request.Method);
        Assert.Equal("/api/v2/persons/1", request.PathAndQuery);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal($$$"""{"custom_fields":{"{{{NewsletterKey}}}":192,"3d0f00000000000000000000000000000000c0de":null}}""", request.BodyText);
        Assert.Equal(1, person?.Id);
    }

    [Fact]
    public async Task UpdatePersonIsRepeatedAfterAServerErrorBecauseItSetsAbsoluteValues()
    {
        harness.Handler
            .Respond(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html")
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        var person = await harness.Pipedrive.UpdatePersonCustomFieldsAsync(
            connection, 1, new Dictionary<string, JsonNode?> { [NewsletterKey] = 192 });

        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.Equal(harness.Handler.Requests[0].BodyText, harness.Handler.Requests[1].BodyText);
        Assert.NotNull(person);
    }

    [Fact]
    public async Task ListPersonsAsksForChangesSinceInUpdateOrderAndReturnsTheCursor()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.PersonsPage);

        var page = await harness.Pipedrive.ListPersonsAsync(
            connection,
            new PipedrivePersonListQuery(new DateTimeOffset(2026, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)), "abc=", 500));

        Assert.Equal(
            "/api/v2/persons?updated_since=2026-01-02T03%3A04%3A05Z&sort_by=update_time&limit=500&cursor=abc%3D",
            harness.Handler.Single.PathAndQuery);
        Assert.Equal(1, Assert.Single(page.Items).Id);
        Assert.Equal("eyJmaWVsZCI6ImlkIiwiZmllbGRWYWx1ZSI6Nywic29ydERpcmVjdGlvbiI6ImFzYyIsImlkIjo3fQ", page.NextCursor);
    }

    [Fact]
    public async Task ListPersonsWithoutCursorOnTheLastPage()
    {
        harness.Handler.Respond(HttpStatusCode.OK, """{"success":true,"data":[],"additional_data":{"next_cursor":null}}""");

        var page = await harness.Pipedrive.ListPersonsAsync(connection, new PipedrivePersonListQuery());

        Assert.Equal("/api/v2/persons?sort_by=update_time&limit=100", harness.Handler.Single.PathAndQuery);
        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task SearchPersonsByEmailEncodesPlusAndUnicodeAndParsesHits()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.PersonSearch);

        var hits = await harness.Pipedrive.SearchPersonsByEmailAsync(connection, "jörg+news@exämple.de");

        Assert.Equal(
            "/api/v2/persons/search?term=j%C3%B6rg%2Bnews%40ex%C3%A4mple.de&fields=email&exact_match=true",
            harness.Handler.Single.PathAndQuery);
        var hit = Assert.Single(hits);
        Assert.Equal(1, hit.Id);
        Assert.Equal("Jane Doe", hit.Name);
        Assert.Equal(["jane@pipedrive.com"], hit.Emails);
        Assert.Equal(1, hit.OwnerId);
        Assert.Equal(1, hit.OrganizationId);
        Assert.Equal("Organization name", hit.OrganizationName);
        Assert.Equal(0.5092, hit.ResultScore);
    }

    [Fact]
    public async Task GetOrganizationParsesNameAndOwner()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.Organization);

        var organization = await harness.Pipedrive.GetOrganizationAsync(connection, 1);

        Assert.Equal("/api/v2/organizations/1", harness.Handler.Single.PathAndQuery);
        Assert.Equal(new PipedriveOrganization(1, "Organization Name", 1, false, new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), organization!.CustomFields), organization);
    }

    [Fact]
    public async Task GetDealAsksForTheSmartBccEmailAndParsesTheDeal()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.Deal);

        var deal = await harness.Pipedrive.GetDealAsync(connection, 1);

        Assert.Equal("/api/v2/deals/1?include_fields=smart_bcc_email", harness.Handler.Single.PathAndQuery);
        Assert.NotNull(deal);
        Assert.Equal("Deal Title", deal.Title);
        Assert.Equal(200m, deal.Value);
        Assert.Equal("USD", deal.Currency);
        Assert.Equal("open", deal.Status);
        Assert.Equal(1, deal.PersonId);
        Assert.Equal(1, deal.OrganizationId);
        Assert.Equal(1, deal.OwnerId);
        Assert.Equal(1, deal.CreatorUserId);
        Assert.Equal(new DateOnly(2021, 1, 1), deal.ExpectedCloseDate);
        Assert.Null(deal.CloseTime);
        Assert.False(deal.IsDeleted);
        Assert.False(deal.IsArchived);
        Assert.Equal("company+deal1@pipedrivemail.com", deal.SmartBccEmail);
    }

    [Fact]
    public async Task GetDealTurns404IntoNull()
    {
        harness.Handler.Respond(HttpStatusCode.NotFound, PipedriveExamples.EntityNotFound);

        Assert.Null(await harness.Pipedrive.GetDealAsync(connection, 9));
    }

    [Fact]
    public async Task ListWebhooksParsesNumericActiveFlag()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.Webhooks);

        var webhook = Assert.Single(await harness.Pipedrive.ListWebhooksAsync(connection));

        Assert.Equal("/api/v1/webhooks", harness.Handler.Single.PathAndQuery);
        Assert.Equal(1, webhook.Id);
        Assert.True(webhook.IsActive);
        Assert.Equal("2.0", webhook.Version);
        Assert.Equal("http://example.org", webhook.SubscriptionUrl);
        Assert.Equal(new DateTimeOffset(2019, 10, 25, 8, 25, 27, TimeSpan.Zero), webhook.AddTime);
        Assert.Null(webhook.LastHttpStatus);
        Assert.Equal("Example webhook", webhook.Name);
    }

    [Fact]
    public async Task CreateWebhookSendsVersionTwoWithBasicCredentials()
    {
        harness.Handler.Respond(HttpStatusCode.Created, PipedriveExamples.CreatedWebhook);

        var webhook = await harness.Pipedrive.CreateWebhookAsync(
            connection,
            new PipedriveWebhookDefinition(
                new Uri("https://app.example.com/pipedrive/webhooks/8087566"), "change", "person", "maileon-person-sync",
                "pd", "s3cret", userId: 12094821));

        var request = harness.Handler.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/api/v1/webhooks", request.PathAndQuery);
        Assert.Equal(
            """{"subscription_url":"https://app.example.com/pipedrive/webhooks/8087566","event_action":"change","event_object":"person","name":"maileon-person-sync","user_id":12094821,"http_auth_user":"pd","http_auth_password":"s3cret","version":"2.0"}""",
            request.BodyText);
        Assert.Equal(1, webhook.Id);
        Assert.Equal("application", webhook.Type);
        Assert.Equal("person", webhook.EventObject);
        Assert.Equal("change", webhook.EventAction);
    }

    [Fact]
    public async Task CreateWebhookRejectedUrlIsAPermanentFailureWithTheFieldError()
    {
        harness.Handler.Respond(
            HttpStatusCode.BadRequest, """{"status":"error","success":false,"errors":{"subscription_url":["invalid or non-reachable URL"]}}""");

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.CreateWebhookAsync(
            connection, new PipedriveWebhookDefinition(new Uri("http://localhost/x"), "*", "deal", "deals", "pd", "pw-d8e1f0a2")));

        Assert.Equal(ApiFailureKind.Rejected, failure.Kind);
        Assert.Contains("subscription_url: invalid or non-reachable URL", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-d8e1f0a2", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookLimitReachedIsRejected()
    {
        harness.Handler.Respond((HttpStatusCode)422, """{"success":false,"error":"Webhooks limit reached"}""");

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.CreateWebhookAsync(
            connection, new PipedriveWebhookDefinition(new Uri("https://app.example.com/h"), "*", "deal", "deals")));

        Assert.Equal(ApiFailureKind.Rejected, failure.Kind);
        Assert.Equal(422, failure.StatusCode);
    }

    [Fact]
    public async Task DeleteWebhookReportsWhetherItExisted()
    {
        harness.Handler
            .Respond(HttpStatusCode.OK, """{"status":"ok","success":true}""")
            .Respond(HttpStatusCode.NotFound, """{"status":"error","success":false,"errors":{"id":["not found"]}}""");

        Assert.True(await harness.Pipedrive.DeleteWebhookAsync(connection, 4710827));
        Assert.False(await harness.Pipedrive.DeleteWebhookAsync(connection, 4710827));
        Assert.Equal("/api/v1/webhooks/4710827", harness.Handler.Requests[0].PathAndQuery);
    }

    [Fact]
    public async Task ApiDomainWithAPathPrefixKeepsIt()
    {
        harness.Handler.Respond(HttpStatusCode.OK, PipedriveExamples.CurrentUser);
        var sandbox = new PipedriveConnection(7, new Uri("http://127.0.0.1:5101/companies/7/"), AccessToken);

        await harness.Pipedrive.GetCurrentUserAsync(sandbox);

        Assert.Equal("http://127.0.0.1:5101/companies/7/api/v1/users/me", harness.Handler.Single.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task UnauthorizedIsDistinctSoTheCallerCanRefreshOnce()
    {
        harness.Handler.Respond(HttpStatusCode.Unauthorized, PipedriveExamples.Unauthorized);

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetPersonAsync(connection, 1));

        Assert.Equal(ApiFailureKind.Unauthorized, failure.Kind);
        Assert.Equal(401, failure.StatusCode);
        Assert.False(failure.IsTransient);
        Assert.Equal("unauthorized access", failure.ServerMessage);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"success":false,"message":"Forbidden"}""", ApiFailureKind.Forbidden)]
    [InlineData(HttpStatusCode.BadRequest, """{"success":false,"error":"Invalid request: malformed authorization header"}""", ApiFailureKind.Rejected)]
    [InlineData(HttpStatusCode.PaymentRequired, """{"success":false,"error":"Company account is not open"}""", ApiFailureKind.Rejected)]
    [InlineData(HttpStatusCode.Gone, """{"success":false,"error":"Gone"}""", ApiFailureKind.NotFound)]
    [InlineData(HttpStatusCode.Conflict, """{"success":false,"error":"Conflict"}""", ApiFailureKind.Conflict)]
    public async Task PermanentFailuresAreClassifiedAndNotRetried(HttpStatusCode status, string body, ApiFailureKind expected)
    {
        harness.Handler.Respond(status, body);

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.ListWebhooksAsync(connection));

        Assert.Equal(expected, failure.Kind);
        Assert.Equal((int)status, failure.StatusCode);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task NotFoundOnAnOperationWithoutANotFoundResultIsAFailure()
    {
        harness.Handler.Respond(HttpStatusCode.NotFound, PipedriveExamples.EntityNotFound);

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetCurrentUserAsync(connection));

        Assert.Equal(ApiFailureKind.NotFound, failure.Kind);
        Assert.Equal("Entity was not found; Object was not found.", failure.ServerMessage);
    }

    [Fact]
    public async Task ServerErrorOnAReadIsRetriedThenSucceeds()
    {
        harness.Handler
            .Respond(HttpStatusCode.InternalServerError, """{"success":false,"error":"internal"}""")
            .Respond(HttpStatusCode.ServiceUnavailable, """{"success":false,"error":"Requested service is not available"}""")
            .Respond(HttpStatusCode.OK, PipedriveExamples.Person);

        var person = await harness.Pipedrive.GetPersonAsync(connection, 1);

        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.Equal(1, person?.Id);
    }

    [Fact]
    public async Task ServerErrorsThatPersistEndAsTransientAfterABoundedNumberOfAttempts()
    {
        harness.Handler.Respond(HttpStatusCode.ServiceUnavailable, """{"success":false,"error":"Requested service is not available"}""");

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetDealAsync(connection, 1));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Equal(503, failure.StatusCode);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task NetworkErrorsAreTransient()
    {
        harness.Handler.Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"));

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetPersonAsync(connection, 1));

        Assert.Equal(ApiFailureKind.Transient, failure.Kind);
        Assert.Null(failure.StatusCode);
        Assert.Equal(3, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task RateLimitHeadersOfEveryResponseAreRecordedPerCompany()
    {
        harness.Handler.Respond(
            HttpStatusCode.OK,
            PipedriveExamples.Person,
            "application/json",
            ("x-ratelimit-limit", "80"),
            ("x-ratelimit-remaining", "79"),
            ("x-ratelimit-reset", "2"),
            ("x-daily-ratelimit-token-limit", "30000"),
            ("x-daily-ratelimit-token-remaining", "29999"));

        await harness.Pipedrive.GetPersonAsync(connection, 1);

        var limit = harness.RateLimits.Latest(8087566);
        Assert.NotNull(limit);
        Assert.Equal(80, limit.BurstLimit);
        Assert.Equal(79, limit.BurstRemaining);
        Assert.Equal(TimeSpan.FromSeconds(2), limit.BurstResetsIn);
        Assert.Equal(30000, limit.DailyTokenLimit);
        Assert.Equal(29999, limit.DailyTokensRemaining);
        Assert.False(limit.DailyBudgetExhausted);
        Assert.Null(harness.RateLimits.Latest(1));
    }

    [Fact]
    public async Task ExhaustedDailyBudgetIsReportedAtOnceWithoutRetrying()
    {
        harness.Handler.Respond(
            HttpStatusCode.TooManyRequests,
            PipedriveExamples.RequestOverLimit,
            "application/json",
            ("x-daily-ratelimit-token-limit", "30000"),
            ("x-daily-ratelimit-token-remaining", "0"),
            ("x-ratelimit-reset", "1"));

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetPersonAsync(connection, 1));

        Assert.Equal(ApiFailureKind.RateLimited, failure.Kind);
        Assert.True(failure.DailyBudgetExhausted);
        Assert.True(failure.IsTransient);
        Assert.Equal("Request over limit; Please check developers.pipedrive.com for more information about Pipedrive API.", failure.ServerMessage);
        Assert.Single(harness.Handler.Requests);
        Assert.True(harness.RateLimits.Latest(8087566)?.DailyBudgetExhausted);
    }

    [Fact]
    public async Task TokenEchoedByTheServerIsScrubbedFromTheException()
    {
        harness.Handler.Respond(HttpStatusCode.Unauthorized, $$"""{"success":false,"error":"token {{AccessToken}} is invalid"}""");

        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => harness.Pipedrive.GetCurrentUserAsync(connection));

        Assert.DoesNotContain(AccessToken, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken, connection.ToString(), StringComparison.Ordinal);
        Assert.Contains("is invalid", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenCostsFollowTheSpec()
    {
        Assert.Equal(1, PipedriveTokenCosts.GetPerson);
        Assert.Equal(5, PipedriveTokenCosts.UpdatePerson);
        Assert.Equal(10, PipedriveTokenCosts.ListPersons);
        Assert.Equal(20, PipedriveTokenCosts.SearchPersons);
        Assert.Equal(20, PipedriveTokenCosts.ListPersonFields);
        Assert.Equal(6, PipedriveTokenCosts.DeleteWebhook);
    }
}
