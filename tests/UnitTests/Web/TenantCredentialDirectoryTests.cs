using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Web.Webhooks;

namespace PipedriveMaileon.UnitTests.Web;

/// <summary>What the web tier decides from its credential directory alone, before a webhook's body is read.</summary>
public sealed class TenantCredentialDirectoryTests
{
    private const long Company = 4242;
    private const string Basic = "pm-0011223344556677:correct-horse-battery-staple";
    private const string Token = "maileon-token-of-4242";

    private static TenantIngressEntry Installed(long companyId = Company) =>
        new(companyId, true, WebhookCredentialHash.Of(Basic), WebhookCredentialHash.Of(Token));

    [Fact]
    public void Nothing_is_decided_before_the_first_read()
    {
        var directory = new TenantCredentialDirectory();

        Assert.Equal(CredentialCheck.NotReady, directory.CheckPipedrive(Company, Basic));
        directory.Apply([]);
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company, Basic));
    }

    [Fact]
    public void Unknown_companies_and_wrong_or_missing_credentials_are_refused_alike()
    {
        var directory = new TenantCredentialDirectory();
        directory.Apply([Installed()]);

        Assert.Equal(CredentialCheck.Accepted, directory.CheckPipedrive(Company, Basic));
        Assert.Equal(CredentialCheck.Accepted, directory.CheckMaileon(Company, Token));
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company + 1, Basic));
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company, Basic + "x"));
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company, null));
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company, ""));
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company, Token));
        Assert.Equal(CredentialCheck.Refused, directory.CheckMaileon(Company, Basic));
        Assert.Equal(CredentialCheck.Refused, directory.CheckMaileon(Company, new string('x', 100_000)));
    }

    [Fact]
    public void An_uninstalled_company_is_gone_only_for_its_own_credentials()
    {
        var directory = new TenantCredentialDirectory();
        directory.Apply([Installed()]);
        directory.Apply([Installed() with { Installed = false }]);

        Assert.Equal(CredentialCheck.Gone, directory.CheckPipedrive(Company, Basic));
        Assert.Equal(CredentialCheck.Gone, directory.CheckMaileon(Company, Token));
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company, "x:y"));
        Assert.Equal(CredentialCheck.Refused, directory.CheckMaileon(Company, null));
    }

    [Fact]
    public void New_credentials_replace_the_old_ones_and_a_company_without_hashes_accepts_nothing()
    {
        var directory = new TenantCredentialDirectory();
        directory.Apply([Installed(), new TenantIngressEntry(7, true, null, null)]);
        directory.Apply([new TenantIngressEntry(Company, true, WebhookCredentialHash.Of("new:one"), WebhookCredentialHash.Of(Token))]);

        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(Company, Basic));
        Assert.Equal(CredentialCheck.Accepted, directory.CheckPipedrive(Company, "new:one"));
        Assert.Equal(CredentialCheck.Refused, directory.CheckPipedrive(7, ""));
        Assert.Equal(CredentialCheck.Refused, directory.CheckMaileon(7, null));
    }

    [Theory]
    [InlineData("Basic cG0tMTp0b3A6c2VjcmV0", "pm-1:top:secret")]
    [InlineData("basic cG0tMTp0b3A6c2VjcmV0", "pm-1:top:secret")]
    [InlineData("Bearer cG0tMTp0b3A6c2VjcmV0", null)]
    [InlineData("Basic not*base64", null)]
    [InlineData("Basic", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Basic_credentials_are_read_from_the_header_or_not_at_all(string? authorization, string? expected) =>
        Assert.Equal(expected, TenantCredentialDirectory.BasicCredentials(authorization));
}
