using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>
/// The app's clients for engagement (Maileon mailings and reports, Pipedrive activities and notes), registered as the
/// app registers them, against both emulators: what one writes the other reads, so a field name cannot be wrong in both.
/// </summary>
public sealed class EngagementClientEndToEndTests(ActivityScopesSandbox fixture) : IClassFixture<ActivityScopesSandbox>
{
    private static readonly Dictionary<string, string?> Empty = [];

    [Fact]
    public async Task Reports_of_a_sendout_reach_the_client_with_personal_rows_only_for_doi_plus()
    {
        await using var provider = Clients();
        var control = fixture.Factory.CreateClient();
        var account = (await (await control.PostAsJsonAsync("/_sandbox/maileon/accounts", new { name = "client e2e" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var connection = new MaileonConnection(7, account["keys"]![0]!["key"]!.GetValue<string>());
        var contacts = provider.GetRequiredService<MaileonContacts>();
        await contacts.UpsertContactAsync(connection, "plus@example.com", new MaileonContactData("pd-7-1", Empty, Empty), new MaileonUpsertOptions(MaileonPermissionLevel.DoubleOptInPlus));
        await contacts.UpsertContactAsync(connection, "doi@example.com", new MaileonContactData(null, Empty, Empty), new MaileonUpsertOptions(MaileonPermissionLevel.DoubleOptIn));
        var mailing = (await (await control.PostAsJsonAsync("/_sandbox/maileon/mailings", new { accountId = account["id"]!.GetValue<long>(), name = "E2E news", subject = "December news" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        (await control.PostAsJsonAsync($"/_sandbox/maileon/mailings/{mailing}/send", new { })).EnsureSuccessStatusCode();
        (await control.PostAsJsonAsync($"/_sandbox/maileon/mailings/{mailing}/tracking", new
        {
            events = new object[]
            {
                new { email = "plus@example.com", opens = 2, clicks = new[] { "https://a.example/x" } },
                new { email = "doi@example.com", opens = 1, bounce = "hard" },
            },
        })).EnsureSuccessStatusCode();

        var reports = provider.GetRequiredService<MaileonTrackingReports>();
        var opens = await reports.GetOpensAsync(connection, new MaileonTrackingQuery(from, MailingIds: [mailing]));
        var allOpens = await reports.GetOpensAsync(connection, new MaileonTrackingQuery(from, ExcludeAnonymous: false));
        var clicks = await reports.GetClicksAsync(connection, new MaileonTrackingQuery(from));
        var bounces = await reports.GetBouncesAsync(connection, new MaileonTrackingQuery(from));

        Assert.Equal(2, opens.Items.Count);
        Assert.All(opens.Items, o => Assert.Equal(("plus@example.com", "pd-7-1", mailing), (o.Email!, o.ExternalId!, o.MailingId!.Value)));
        Assert.Single(allOpens.Items, o => o.Anonymous);
        Assert.Equal("https://a.example/x", Assert.Single(clicks.Items).LinkUrl);
        Assert.True(Assert.Single(bounces.Items).IsHardBounce);
        Assert.Equal("December news", await provider.GetRequiredService<MaileonMailings>().GetSubjectAsync(connection, mailing));
        Assert.Equal(mailing, Assert.Single(await provider.GetRequiredService<MaileonMailings>().ListByStatesAsync(connection, ["done"])).Id);
    }

    [Fact]
    public async Task Activities_and_notes_written_by_the_client_are_on_the_persons_timeline()
    {
        await using var provider = Clients();
        var session = new SandboxSession(fixture.Factory.CreateClient());
        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name = "Timeline client AG" }))["id"]!.GetValue<long>();
        var tokens = await provider.GetRequiredService<PipedriveOAuthClient>().ExchangeCodeAsync(await session.ApproveAsync(company), new Uri(PipedriveSandboxFactory.RedirectUri));
        var connection = tokens.ToConnection(company);
        var person = (await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/persons", new { name = "Timeline Person" }))["id"]!.GetValue<long>();
        var api = provider.GetRequiredService<PipedriveApiClient>();

        var activity = await api.CreateActivityAsync(connection, new PipedriveActivityDefinition("Opened 'December news'", "email", person, true, "<p>1 open</p>", DateOnly.FromDateTime(DateTime.UtcNow)));
        var updated = await api.UpdateActivityAsync(connection, activity.Id, new PipedriveActivityDefinition("Opened 'December news' · clicked 1 link", "email", person, true, "<p>2 opens</p>", null));
        var note = await api.CreateNoteAsync(connection, person, "<p>Hard bounce</p>");
        await api.UpdateNoteAsync(connection, note.Id, "<p>Hard bounce (5.1.1)</p>");

        Assert.Equal("Opened 'December news' · clicked 1 link", updated!.Subject);
        Assert.Equal(activity.Id, Assert.Single((await api.ListPersonActivitiesAsync(connection, person)).Items).Id);
        Assert.Equal("<p>Hard bounce (5.1.1)</p>", Assert.Single((await api.ListPersonNotesAsync(connection, person)).Items).Content);
        Assert.Null(await api.UpdateActivityAsync(connection, activity.Id + 1000, new PipedriveActivityDefinition("x", "email", person, true, null, null)));
        var page = await session.Http.GetStringAsync($"/pipedrive/persons/{person}");
        Assert.Contains("Opened &#39;December news&#39; &#183; clicked 1 link", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PipedriveTokenCosts.CreateActivity, "V2", "POST", "/activities")]
    [InlineData(PipedriveTokenCosts.UpdateActivity, "V2", "PATCH", "/activities/{id}")]
    [InlineData(PipedriveTokenCosts.GetActivity, "V2", "GET", "/activities/{id}")]
    [InlineData(PipedriveTokenCosts.ListActivities, "V2", "GET", "/activities")]
    [InlineData(PipedriveTokenCosts.CreateNote, "V1", "POST", "/notes")]
    [InlineData(PipedriveTokenCosts.UpdateNote, "V1", "PUT", "/notes/{id}")]
    [InlineData(PipedriveTokenCosts.ListNotes, "V1", "GET", "/notes")]
    public void The_clients_token_costs_are_the_specs_x_token_cost(int constant, string version, string method, string path) =>
        Assert.Equal((version == "V1" ? OpenApiSpec.V1 : OpenApiSpec.V2).TokenCost(method, path), constant);

    private ServiceProvider Clients()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipedrive:ClientId"] = PipedriveSandboxFactory.ClientId,
            ["Pipedrive:ClientSecret"] = PipedriveSandboxFactory.ClientSecret,
            ["Pipedrive:OAuthBaseUrl"] = PipedriveSandboxFactory.BaseUrl,
            ["Pipedrive:AllowedApiHosts:0"] = "localhost", // the emulator's api_domain
            ["Maileon:BaseUrl"] = PipedriveSandboxFactory.BaseUrl + "/1.0",
        }).Build();
        var services = new ServiceCollection();
        services.AddPipedriveClients(configuration);
        services.AddMaileonClients(configuration);
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = fixture.Factory.Server.CreateHandler()));
        return services.BuildServiceProvider();
    }
}
