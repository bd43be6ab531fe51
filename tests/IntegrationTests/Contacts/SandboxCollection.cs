using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Contacts;

/// <summary>One deployment (database, sandbox, two silos, web) shared by the end-to-end tests; each test has its own company.</summary>
public sealed class DeploymentFixture : IAsyncLifetime
{
    public SandboxDeployment Deployment { get; private set; } = null!;

    public async Task InitializeAsync() => Deployment = await SandboxDeployment.StartAsync("e2e", silos: 2);

    public async Task DisposeAsync() => await Deployment.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<DeploymentFixture>
{
    public const string Name = "sandbox deployment";
}
