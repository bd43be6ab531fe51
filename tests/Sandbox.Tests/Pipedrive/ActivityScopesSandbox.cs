namespace PipedriveMaileon.Sandbox.Tests.Pipedrive;

/// <summary>The sandbox granting the app's scopes plus <c>activities:full</c>, as Developer Hub would for an app asking for it.</summary>
public sealed class ActivityScopesSandbox : IDisposable
{
    public PipedriveSandboxFactory Factory { get; } = PipedriveSandboxFactory.WithSettings(new Dictionary<string, string?>
    {
        ["Sandbox:Pipedrive:Scopes"] = "base,admin,webhooks:full,contacts:full,deals:read,contact-fields:full,users:read,activities:full",
    });

    public void Dispose() => Factory.Dispose();
}
