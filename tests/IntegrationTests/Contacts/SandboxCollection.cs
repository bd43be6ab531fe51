using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Contacts;

/// <summary>One deployment (database, sandbox, two silos, web) shared by the end-to-end tests; each test has its own company.</summary>
public sealed class DeploymentFixture : IAsyncLifetime
{
    public SandboxDeployment Deployment { get; private set; } = null!;

    // Engagement writes wait 1 s instead of 10 for the run's other reports, so entries settle quickly.
    public async Task InitializeAsync() => Deployment = await SandboxDeployment.StartAsync(
        "e2e", silos: 2, configuration: new Dictionary<string, string> { ["Engagement__WriteDelaySeconds"] = "1" });

    public async Task DisposeAsync() => await Deployment.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<DeploymentFixture>
{
    public const string Name = "sandbox deployment";
}
