using System.Net;
using System.Text.RegularExpressions;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// The settings page names each reason Maileon refuses a key (the incumbent's three: validity period exceeded,
/// deactivated, characters cut off) — and saves nothing, sets up nothing and never shows the key again.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed partial class MaileonKeyErrorTests(DeploymentFixture fixture)
{
    public enum BadKey
    {
        Expired,
        Deactivated,
        TruncatedAtTheEnd,
        TruncatedAtTheBeginning,
        Unknown,
        TooShort,
        NoDeletePrivilege,
    }

    // The beginnings of the product's messages (src/Grains/Tenants/MaileonKeyMessages.cs), as a person reads them.
    private const string Expired = "Maileon says this API key's validity period has expired.";
    private const string Deactivated = "This API key was deactivated in Maileon.";
    private const string Truncated = "This does not look like a complete Maileon API key: characters seem to be missing at the beginning or end.";
    private const string Rejected = "Maileon did not accept this API key";

    private SandboxDeployment Deployment => fixture.Deployment;

    [Theory]
    [InlineData(BadKey.Expired, Expired)]
    [InlineData(BadKey.Deactivated, Deactivated)]
    [InlineData(BadKey.TruncatedAtTheEnd, Truncated)]
    [InlineData(BadKey.TruncatedAtTheBeginning, Truncated)]
    [InlineData(BadKey.TooShort, Truncated)]
    [InlineData(BadKey.Unknown, Rejected)]
    [InlineData(BadKey.NoDeletePrivilege, "This API key may not send DELETE requests")]
    public async Task ABadKeyShowsItsReasonAndNothingIsSavedOrSetUp(BadKey kind, string expected)
    {
        var name = $"Key {kind} GmbH";
        var account = await Deployment.Sandbox.ControlPostAsync("maileon", "accounts", new { name = $"{name} newsletters" });
        var accountId = (long)account!["id"]!;
        var key = await KeyAsync(kind, accountId, (string)account["keys"]![0]!["key"]!);
        using var admin = await TenantAdmin.InstallNewCompanyAsync(Deployment, name);

        var page = await admin.SaveSettingsAsync(key);

        var error = WebUtility.HtmlDecode(ApiKeyError().Match(page).Groups[1].Value).Trim();
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Settings saved.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(key, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Stored: ", WebUtility.HtmlDecode(await admin.SettingsPageAsync()), StringComparison.Ordinal);

        var view = new SandboxView(Deployment);
        Assert.Empty(await view.PersonFieldsAsync(admin.CompanyId, "Newsletter"));
        Assert.Empty(await view.PipedriveWebhooksAsync(admin.CompanyId));
        Assert.Empty(await view.MaileonWebhooksAsync(accountId));
    }

    [Fact]
    public async Task ABadKeyThenAGoodKeySavesTheGoodOne()
    {
        var account = await Deployment.Sandbox.ControlPostAsync("maileon", "accounts", new { name = "Second Try KG newsletters" });
        var good = (string)account!["keys"]![0]!["key"]!;
        using var admin = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Second Try KG");

        Assert.Contains("Nothing was saved.", await admin.SaveSettingsAsync(good[..^3]), StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await admin.SaveSettingsAsync(good));

        Assert.Contains("Settings saved.", page, StringComparison.Ordinal);
        Assert.Contains($"Stored: ••••••••{good[^4..]}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(good, page, StringComparison.Ordinal);
    }

    private async Task<string> KeyAsync(BadKey kind, long accountId, string valid)
    {
        async Task<string> NewKey(object body) =>
            (string)(await Deployment.Sandbox.ControlPostAsync("maileon", $"accounts/{accountId}/keys", body))!["key"]!;

        return kind switch
        {
            BadKey.Expired => await NewKey(new { expiresAt = DateTimeOffset.UtcNow.AddDays(-1), label = "expired" }),
            BadKey.Deactivated => await NewKey(new { deactivated = true, label = "deactivated" }),
            BadKey.TruncatedAtTheEnd => valid[..^2],
            BadKey.TruncatedAtTheBeginning => valid[1..],
            BadKey.TooShort => valid[..8],
            BadKey.Unknown => Guid.NewGuid().ToString(),
            BadKey.NoDeletePrivilege => await NewKey(new { methods = new[] { "GET", "POST", "PUT" }, label = "no delete" }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    [GeneratedRegex("data-testid=\"api-key-error\">([^<]*)<")]
    private static partial Regex ApiKeyError();
}
