using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>The app's own <see cref="PipedriveOAuthClient"/> and <see cref="PipedriveApiClient"/>, registered as the app does, against the emulator.</summary>
public sealed class AppClientEndToEndTests(PipedriveSandboxFactory factory) : IClassFixture<PipedriveSandboxFactory>
{
    [Fact]
    public async Task The_apps_clients_install_sync_fields_persons_deals_and_webhooks()
    {
        var session = new SandboxSession(factory.CreateClient());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipedrive:ClientId"] = PipedriveSandboxFactory.ClientId,
            ["Pipedrive:ClientSecret"] = PipedriveSandboxFactory.ClientSecret,
            ["Pipedrive:OAuthBaseUrl"] = PipedriveSandboxFactory.BaseUrl,
            ["Pipedrive:AllowedApiHosts:0"] = "localhost", // the emulator's api_domain
        }).Build();
        var services = new ServiceCollection();
        services.AddPipedriveClients(configuration);
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = factory.Server.CreateHandler()));
        await using var provider = services.BuildServiceProvider();
        var oauth = provider.GetRequiredService<PipedriveOAuthClient>();
        var api = provider.GetRequiredService<PipedriveApiClient>();

        var company = (await session.ControlAsync(HttpMethod.Post, "/companies", new { name = "Client GmbH" }))["id"]!.GetValue<long>();
        var redirect = new Uri(PipedriveSandboxFactory.RedirectUri);
        Assert.StartsWith(PipedriveSandboxFactory.BaseUrl + "/oauth/authorize?client_id=", oauth.BuildAuthorizeUrl(redirect, "state-1").AbsoluteUri, StringComparison.Ordinal);
        var tokens = await oauth.ExchangeCodeAsync(await session.ApproveAsync(company), redirect);
        Assert.True(tokens.HasScope("admin"));
        var refreshed = await oauth.RefreshAsync(tokens.RefreshToken);
        var connection = refreshed.ToConnection(company);

        var me = await api.GetCurrentUserAsync(connection);
        Assert.Equal(company, me.CompanyId);
        Assert.True(me.IsAdmin);
        Assert.Equal(me.Id, (await api.GetUserAsync(connection, me.Id))!.Id);
        Assert.Null(await api.GetUserAsync(connection, SandboxSession.DemoAdmin));

        var field = await api.CreatePersonFieldAsync(connection, new PipedrivePersonFieldDefinition("Newsletter", "enum", ["Subscribe", "Awaiting confirmation", "Subscribed", "Unsubscribed"]));
        var fields = await api.ListPersonFieldsAsync(connection);
        var listed = Assert.Single(fields, f => f.IsCustom);
        Assert.Equal(field.Key, listed.Key);
        Assert.Equal(4, listed.Options.Count);

        var personId = (await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/persons",
            new { name = "Client Person", emails = new[] { new { value = "client.person@example.test", primary = true } } }))["id"]!.GetValue<long>();
        await session.ControlAsync(HttpMethod.Post, $"/persons/{personId}/custom-field", new { field = "Newsletter", option = "Subscribe" });
        var person = (await api.GetPersonAsync(connection, personId))!;
        Assert.Equal("client.person@example.test", person.PrimaryEmail);
        Assert.Equal(field.OptionByLabel("Subscribe")!.Id, person.EnumOptionId(field.Key));

        var subscribed = field.OptionByLabel("Subscribed")!.Id;
        var updated = await api.UpdatePersonCustomFieldsAsync(connection, personId, new Dictionary<string, JsonNode?> { [field.Key] = subscribed });
        Assert.Equal(subscribed, updated!.EnumOptionId(field.Key));
        Assert.Null(await api.GetPersonAsync(connection, 999_999));

        var page = await api.ListPersonsAsync(connection, new PipedrivePersonListQuery(DateTimeOffset.UtcNow.AddMinutes(-5), Limit: 1));
        Assert.Single(page.Items);
        var hits = await api.SearchPersonsByEmailAsync(connection, "client.person@example.test");
        Assert.Equal(personId, Assert.Single(hits).Id);

        var organization = (await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/organizations", new { name = "Client Org" }))["id"]!.GetValue<long>();
        Assert.Equal("Client Org", (await api.GetOrganizationAsync(connection, organization))!.Name);
        var dealId = (await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/deals", new { title = "Client deal", person_id = personId, value = 42 }))["id"]!.GetValue<long>();
        var deal = (await api.GetDealAsync(connection, dealId))!;
        Assert.Equal(personId, deal.PersonId);
        Assert.NotNull(deal.SmartBccEmail);

        var webhook = await api.CreateWebhookAsync(connection, new PipedriveWebhookDefinition(new Uri("https://app.test/pipedrive/webhooks/x"), "*", "person", "sync", "pd", "pw"));
        Assert.Equal("2.0", webhook.Version);
        Assert.Equal(webhook.Id, Assert.Single(await api.ListWebhooksAsync(connection)).Id);
        Assert.True(await api.DeleteWebhookAsync(connection, webhook.Id));
        Assert.False(await api.DeleteWebhookAsync(connection, webhook.Id));
        Assert.True(await api.DeletePersonFieldAsync(connection, field.Id));
        Assert.False(await api.DeletePersonFieldAsync(connection, field.Id));

        await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/expire-tokens");
        var failure = await Assert.ThrowsAsync<PipedriveApiException>(() => api.GetCurrentUserAsync(connection));
        Assert.Equal(ApiFailureKind.Unauthorized, failure.Kind);
        await session.ControlAsync(HttpMethod.Post, $"/companies/{company}/revoke");
        var dead = await Assert.ThrowsAsync<PipedriveOAuthException>(() => oauth.RefreshAsync(tokens.RefreshToken));
        Assert.Equal(ApiFailureKind.InvalidGrant, dead.Kind);
    }
}
