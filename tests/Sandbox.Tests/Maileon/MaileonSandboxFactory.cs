using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>The sandbox host for Maileon tests: modelled waits sped up, no snapshot file.</summary>
public class MaileonSandboxFactory : WebApplicationFactory<Program>
{
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sandbox:TimeScale"] = "0.001",
        ["Sandbox:SnapshotPath"] = string.Empty,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
    }
}
