namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>The sandbox on a real Kestrel socket (free port), for wire details TestServer cannot show.</summary>
public sealed class KestrelSandboxFactory : MaileonSandboxFactory
{
    public KestrelSandboxFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;
}
