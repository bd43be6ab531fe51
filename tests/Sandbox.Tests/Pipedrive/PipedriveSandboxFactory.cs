using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>
/// The sandbox host for Pipedrive tests (TestServer): modelled waits at 1/100 (webhook retries after 30 ms, 300 ms,
/// 1.5 s), no snapshot file. Extra settings override the defaults. An authorization code lives 36 s here
/// (<see cref="CodeLifetimeSeconds"/>): every install approves a code and exchanges it, and with 1 s a stall of over a
/// second in the test host between the two would fail an install that is not about expiry. The expiry test sets a
/// short lifetime itself.
/// </summary>
public sealed class PipedriveSandboxFactory : WebApplicationFactory<Program>
{
    private IDictionary<string, string?>? extra;

    public const string ClientId = "test-app";
    public const string ClientSecret = "test-secret";
    public const string RedirectUri = "http://app.test/pipedrive/callback";
    public const string BaseUrl = "http://localhost";

    /// <summary>Modelled seconds an authorization code lives: the emulator's longest, 36 s of real time at this time scale.</summary>
    public const string CodeLifetimeSeconds = "3600";

    public static PipedriveSandboxFactory WithSettings(IDictionary<string, string?> settings) => new() { extra = settings };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:TimeScale"] = "0.01",
            ["Sandbox:SnapshotPath"] = string.Empty,
            ["Sandbox:PipedriveUrl"] = BaseUrl,
            ["Sandbox:Pipedrive:ClientId"] = ClientId,
            ["Sandbox:Pipedrive:ClientSecret"] = ClientSecret,
            ["Sandbox:Pipedrive:RedirectUri"] = RedirectUri,
            ["Sandbox:Pipedrive:AuthorizationCodeLifetimeSeconds"] = CodeLifetimeSeconds,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }
}
