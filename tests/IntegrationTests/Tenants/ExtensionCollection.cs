using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// A deployment for the settings page inside Pipedrive: the extension has a JWT secret of its own (so the tests show
/// the client secret is not what verifies the iframe token here), and the admin role is re-read after 2 s instead of
/// 2 minutes, so a demotion shows within a test. The sandbox's modelled waits run at a fifth of real time: its
/// 5-minute authorization codes last 60 s, enough for the first install into a cold cluster (at the usual
/// hundredth, 3 s, that install sometimes lost the race).
/// </summary>
public sealed class ExtensionDeploymentFixture : IAsyncLifetime
{
    public const string JwtSecret = "extension-jwt-secret-for-integration-tests";

    public SandboxDeployment Deployment { get; private set; } = null!;

    public async Task InitializeAsync() => Deployment = await SandboxDeployment.StartAsync(
        "extension",
        silos: 1,
        sandboxTimeScale: 0.2,
        configuration: new Dictionary<string, string> { ["Settings__AdminRecheck"] = "00:00:02" },
        extensionJwtSecret: JwtSecret);

    public async Task DisposeAsync() => await Deployment.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ExtensionCollection : ICollectionFixture<ExtensionDeploymentFixture>
{
    public const string Name = "settings extension deployment";
}
