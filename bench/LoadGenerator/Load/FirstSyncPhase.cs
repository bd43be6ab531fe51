using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PipedriveMaileon.LoadGenerator.Reporting;
using PipedriveMaileon.LoadGenerator.Sandbox;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// The first sync of a lived-in account (issue 12): the sandbox seeds its fixture (<c>POST /_sandbox/livedin</c>), the
/// app is installed into the company as its admin does, the settings are saved with the account's key, and the phase
/// waits for the preview, checks its counts against the fixture's truth, confirms it and waits until it is done.
/// </summary>
public sealed partial class FirstSyncPhase(SandboxClient sandbox, TenantProvisioner provisioner, int persons, int seed, TimeSpan timeout)
{
    private static readonly (string TestId, string Expected)[] Truth =
    [
        ("first-sync-doi", "doi-mail"), ("first-sync-confirmed", "already-confirmed"), ("first-sync-unsubscribed", "unsubscribed"),
        ("first-sync-awaiting", "awaiting-confirmation"), ("first-sync-no-email", "no-email"), ("first-sync-invalid-email", "invalid-email"),
        ("first-sync-nothing", "not-marked"),
    ];

    public async Task<FirstSyncResult> RunAsync()
    {
        var (manifest, failure) = await sandbox.PostJsonAsync(sandbox.Pipedrive, "/_sandbox/livedin", new { seed, persons, secondCompanyPersons = 0 });
        if (manifest?["companies"]?[0] is not { } company || SandboxClient.Long(company, "companyId") is not { } companyId
            || SandboxClient.Long(company, "adminUserId") is not { } adminId || SandboxClient.Text(manifest, "maileonApiKey") is not { } apiKey)
        {
            return FirstSyncResult.Skipped("seed the lived-in account: " + (failure ?? "no company in the manifest"));
        }

        var (browser, signInFailure) = await provisioner.SignInAsync(companyId, adminId);
        if (browser is null)
        {
            return FirstSyncResult.Skipped("install: " + signInFailure);
        }

        using (browser)
        {
            return await SyncAsync(browser, manifest, company, companyId, apiKey);
        }
    }

    private async Task<FirstSyncResult> SyncAsync(HttpClient browser, JsonNode manifest, JsonNode company, long companyId, string apiKey)
    {
        var usageBefore = (await sandbox.PipedriveUsageAsync())?.GetValueOrDefault(companyId);
        var maileonMark = await sandbox.JournalHeadAsync(ofMaileon: true);
        var clock = Stopwatch.StartNew();
        if (await PostAsync(browser, "Save", new() { ["Form.MaileonApiKey"] = apiKey, ["Form.Permission"] = "doi", ["Form.DealEvents"] = "true" }) is { } saveFailure)
        {
            return FirstSyncResult.Skipped(saveFailure);
        }

        if (await PanelAsync(browser, "Ready") is not { } preview)
        {
            return FirstSyncResult.Skipped($"no preview within {timeout.TotalSeconds:0} s");
        }

        var previewSeconds = clock.Elapsed.TotalSeconds;
        var mismatch = Mismatch(preview, manifest, companyId);
        clock.Restart();
        await PostAsync(browser, "FirstSync", new() { ["command"] = "confirm" });
        var done = await PanelAsync(browser, "Done");
        var runSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3)); // the persons' field writes trail the last group by a moment
        var usageAfter = (await sandbox.PipedriveUsageAsync())?.GetValueOrDefault(companyId);
        var maileon = await sandbox.JournalAsync(ofMaileon: true, maileonMark);
        return new FirstSyncResult(
            persons,
            mismatch is null,
            mismatch,
            (int?)SandboxClient.Long(company, "doiMails") ?? 0,
            EstimateMatch().Match(preview) is { Success: true } estimate ? Regex.Replace(estimate.Groups[1].Value, "\\s+", " ").Trim() : null,
            previewSeconds,
            runSeconds,
            done is not null,
            usageBefore is { } b && usageAfter is { } a ? a.Calls - b.Calls : null,
            usageBefore is { } b2 && usageAfter is { } a2 ? a2.Tokens - b2.Tokens : null,
            maileon?.Count,
            null);
    }

    /// <summary>Null when every preview count equals the fixture's truth, else what differs.</summary>
    private static string? Mismatch(string preview, JsonNode manifest, long companyId)
    {
        var people = manifest["persons"]!.AsArray().Where(p => SandboxClient.Long(p, "companyId") == companyId).ToList();
        var wrong = Truth.Select(t => (t.Expected, Truth: people.Count(p => SandboxClient.Text(p, "expected") == t.Expected), Shown: Count(preview, t.TestId)))
            .Where(c => c.Truth != c.Shown).Select(c => $"{c.Expected}: {c.Shown} shown, {c.Truth} true").ToList();
        return wrong.Count == 0 ? null : string.Join("; ", wrong);
    }

    private async Task<string?> PanelAsync(HttpClient browser, string phase)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/settings"));
            if (page.Contains($"data-phase=\"{phase}\"", StringComparison.Ordinal))
            {
                return page;
            }

            await Task.Delay(1000);
        }

        return null;
    }

    private static async Task<string?> PostAsync(HttpClient browser, string handler, Dictionary<string, string> fields)
    {
        if (TenantProvisioner.SessionTicket(await browser.GetStringAsync("/settings")) is not { } ticket)
        {
            return "GET /settings: no session ticket";
        }

        fields["__session"] = ticket;
        using var response = await browser.PostAsync($"/settings?handler={handler}", new FormUrlEncodedContent(fields));
        return (int)response.StatusCode >= 400 ? $"POST /settings?handler={handler} answered {(int)response.StatusCode}" : null;
    }

    private static int Count(string page, string testId) =>
        Regex.Match(page, $"data-testid=\"{testId}\">([0-9]+)<") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex("Takes about ([^(]+)\\(")]
    private static partial Regex EstimateMatch();
}
