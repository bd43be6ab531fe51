using System.Text.Json.Nodes;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// The emulators' request journals (<c>/_sandbox/{pipedrive|maileon}/requests</c>): every API request the app made,
/// with headers and body. Tests read facts from it that the control API masks (webhook passwords) and check that
/// nothing reached an emulator.
/// </summary>
public static class SandboxJournal
{
    public static async Task<IReadOnlyList<JsonNode>> EntriesAsync(SandboxProcess sandbox, string emulator, long after = 0) =>
        [.. (await sandbox.ControlGetAsync(emulator, $"requests?after={after}"))!.AsArray().Select(e => e!)];

    /// <summary>The Basic credentials (user, password) the app registered its Pipedrive webhooks for one company with.</summary>
    public static async Task<(string User, string Password)> PipedriveWebhookCredentialsAsync(SandboxProcess sandbox, long companyId)
    {
        var route = $"/webhooks/pipedrive/{companyId}";
        var registration = (await EntriesAsync(sandbox, "pipedrive"))
            .Where(e => (string?)e["method"] == "POST" && ((string?)e["path"])?.EndsWith("/v1/webhooks", StringComparison.Ordinal) == true
                        && (int?)e["status"] is >= 200 and < 300)
            .Select(e => Body((string?)e["body"]))
            .LastOrDefault(b => b.Url is { } url && new Uri(url).AbsolutePath == route);
        return registration is { User: { } user, Password: { } password }
            ? (user, password)
            : throw new InvalidOperationException($"No successful POST /v1/webhooks for {route} with http_auth_user/http_auth_password in the Pipedrive journal.");
    }

    /// <summary>The secret token in the URL the app registered its Maileon webhooks of one account with.</summary>
    public static async Task<string> MaileonWebhookTokenAsync(SandboxProcess sandbox, long maileonAccountId, long companyId)
    {
        var hooks = (await sandbox.ControlGetAsync("maileon", $"webhooks?accountId={maileonAccountId}"))!.AsArray();
        var url = hooks.Select(h => (string?)h!["url"]).FirstOrDefault(u => u is not null && new Uri(u).AbsolutePath.StartsWith($"/webhooks/maileon/{companyId}/", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No Maileon webhook of account {maileonAccountId} points at company {companyId}.");
        return System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["token"]
            ?? throw new InvalidOperationException("The registered Maileon webhook URL carries no token.");
    }

    /// <summary>subscription_url, http_auth_user and http_auth_password of a webhook registration body (JSON or form).</summary>
    private static (string? Url, string? User, string? Password) Body(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, null);
        }

        if (body.TrimStart().StartsWith('{'))
        {
            var json = JsonNode.Parse(body);
            return ((string?)json?["subscription_url"], (string?)json?["http_auth_user"], (string?)json?["http_auth_password"]);
        }

        var form = System.Web.HttpUtility.ParseQueryString(body);
        return (form["subscription_url"], form["http_auth_user"], form["http_auth_password"]);
    }
}
