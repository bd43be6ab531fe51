using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>
/// The sandbox on a stopped clock, so every timestamp Maileon writes (contact created/updated, account created,
/// report timestamps, type creation) is known and whole answers can be compared byte for byte.
/// </summary>
public sealed class FixedClockSandboxFactory : MaileonSandboxFactory
{
    public static readonly DateTimeOffset Now = new(2026, 5, 27, 6, 54, 41, 250, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
