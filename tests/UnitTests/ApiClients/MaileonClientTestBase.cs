using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>The registered Maileon clients over a recording stub, and one tenant's connection.</summary>
public abstract class MaileonClientTestBase : IDisposable
{
    protected const string ApiKey = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    protected const string Base = "/1.0";

    private protected readonly ApiClientHarness harness = new();
    private protected readonly MaileonConnection connection = new(8087566, ApiKey);

    public void Dispose()
    {
        harness.Dispose();
        GC.SuppressFinalize(this);
    }
}
