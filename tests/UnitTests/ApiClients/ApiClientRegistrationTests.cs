using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;

namespace PipedriveMaileon.UnitTests.ApiClients;

public sealed class ApiClientRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddPipedriveClients(configuration)
            .AddMaileonClients(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void DefaultsPointAtTheRealServices()
    {
        using var services = Build(new() { ["Pipedrive:ClientId"] = "id", ["Pipedrive:ClientSecret"] = "secret-value" });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(new Uri("https://oauth.pipedrive.com"), services.GetRequiredService<IOptions<PipedriveOptions>>().Value.OAuthBaseUrl);
        Assert.Equal(new Uri("https://api.maileon.com/1.0"), services.GetRequiredService<IOptions<MaileonOptions>>().Value.BaseUrl);
        Assert.Equal(9_000_000, services.GetRequiredService<IOptions<MaileonOptions>>().Value.MaxTransactionBatchBytes);
        Assert.NotNull(services.GetRequiredService<PipedriveApiClient>());
        Assert.NotNull(services.GetRequiredService<PipedriveOAuthClient>());
        Assert.NotNull(services.GetRequiredService<MaileonContacts>());
        Assert.NotNull(services.GetRequiredService<MaileonAccount>());
        Assert.NotNull(services.GetRequiredService<MaileonContacts>());
        Assert.NotNull(services.GetRequiredService<MaileonCustomFields>());
        Assert.NotNull(services.GetRequiredService<MaileonTransactionTypes>());
        Assert.NotNull(services.GetRequiredService<MaileonTransactions>());
        Assert.NotNull(services.GetRequiredService<MaileonWebhooks>());
        Assert.NotNull(services.GetRequiredService<MaileonReports>());
    }

    [Fact]
    public void EachClientIsOneObjectPerProcessSoGrainsHoldNoHttpClientOfTheirOwn()
    {
        using var services = Build(new() { ["Pipedrive:ClientId"] = "id", ["Pipedrive:ClientSecret"] = "secret-value" });

        Assert.Same(services.GetRequiredService<PipedriveApiClient>(), services.GetRequiredService<PipedriveApiClient>());
        Assert.Same(services.GetRequiredService<PipedriveOAuthClient>(), services.GetRequiredService<PipedriveOAuthClient>());
        Assert.Same(services.GetRequiredService<MaileonTransport>(), services.GetRequiredService<MaileonTransport>());
        Assert.Same(services.GetRequiredService<MaileonContacts>(), services.GetRequiredService<MaileonContacts>());
        Assert.Same(services.GetRequiredService<MaileonWebhooks>(), services.GetRequiredService<MaileonWebhooks>());
    }

    [Fact]
    public void MissingClientCredentialsFailAtStartUp()
    {
        using var services = Build(new());

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Pipedrive:ClientId is required.", failure.Failures);
        Assert.Contains("Pipedrive:ClientSecret is required.", failure.Failures);
    }

    [Fact]
    public void UnusableUrlsAndLimitsFailAtStartUp()
    {
        using var services = Build(new()
        {
            ["Pipedrive:ClientId"] = "id",
            ["Pipedrive:ClientSecret"] = "secret-value",
            ["Pipedrive:OAuthBaseUrl"] = "oauth.pipedrive.com",
            ["Maileon:BaseUrl"] = "ftp://api.maileon.com/1.0",
            ["Maileon:MaxTransactionBatchBytes"] = "10000000",
            ["Maileon:Resilience:AttemptTimeout"] = "00:01:00",
        });

        var failure = Assert.Throws<AggregateException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var messages = string.Join("\n", failure.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("Pipedrive:OAuthBaseUrl", messages, StringComparison.Ordinal);
        Assert.Contains("Maileon:BaseUrl", messages, StringComparison.Ordinal);
        Assert.Contains("Maileon:MaxTransactionBatchBytes", messages, StringComparison.Ordinal);
        Assert.Contains("Maileon:Resilience:AttemptTimeout", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredBaseUrlsReachTheClients()
    {
        using var services = Build(new()
        {
            ["Pipedrive:ClientId"] = "id",
            ["Pipedrive:ClientSecret"] = "secret-value",
            ["Pipedrive:OAuthBaseUrl"] = "http://localhost:5101",
        });

        var url = services.GetRequiredService<PipedriveOAuthClient>().BuildAuthorizeUrl(new Uri("http://localhost:5000/pipedrive/callback"), "s");

        Assert.StartsWith("http://localhost:5101/oauth/authorize?", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsDoNotPrintTheClientSecret()
    {
        var options = new PipedriveOptions { ClientId = "id", ClientSecret = "secret-value-123" };

        Assert.DoesNotContain("secret-value-123", options.ToString(), StringComparison.Ordinal);
    }
}
