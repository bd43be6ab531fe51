using System.Net;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>The sandbox on a real Kestrel socket (free port), for wire details TestServer cannot show.</summary>
public class KestrelSandboxFactory : MaileonSandboxFactory
{
    public KestrelSandboxFactory()
    {
        // The endpoint goes into Kestrel's options before the host is built. UseKestrel(port) instead rewrites the
        // server's addresses after the build, while a minimal-hosting app is already starting Kestrel on its own
        // thread; when Kestrel binds first that rewrite throws (dotnet/aspnetcore#67714).
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;
}
