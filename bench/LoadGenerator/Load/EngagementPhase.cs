using System.Diagnostics;
using PipedriveMaileon.LoadGenerator.Reporting;
using PipedriveMaileon.LoadGenerator.Sandbox;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// Pipedrive's cost of engagement: on the first tenant (installed with DOI+ and engagement on, so the bounce field
/// exists before the mark) persons are created and subscribed as a user does (Newsletter "Subscribe", DOI confirmed in
/// Maileon), and once the app is quiet a mailing goes to them; they open it twice and click a link (one bounces hard,
/// which wakes the poll). The phase counts the
/// timeline entries the poll writes and the Pipedrive calls and tokens spent from the mark until it is quiet again.
/// </summary>
public sealed class EngagementPhase(SandboxClient sandbox, int recipients, TimeSpan timeout, Progress progress)
{
    private const string Pricing = "https://bench.example/pricing";

    public async Task<EngagementResult> RunAsync(BenchTenant? tenant)
    {
        if (tenant is not { Installed: true, MaileonAccountId: { } account })
        {
            return EngagementResult.Skipped("no installed tenant with a Maileon account");
        }

        var emails = await SubscribeAsync(tenant, account);
        if (emails.Count < 2)
        {
            return EngagementResult.Skipped($"only {emails.Count} of {recipients} persons reached a DOI in Maileon");
        }

        await QuietAsync(tenant.CompanyId);
        var usageBefore = await sandbox.PipedriveUsageAsync();
        var clock = Stopwatch.StartNew();
        var (mailing, failure) = await sandbox.PostJsonAsync(sandbox.Maileon, "/_sandbox/maileon/mailings", new { accountId = account, name = "Bench news", subject = "Bench news" });
        if (SandboxClient.Long(mailing, "id") is not { } mailingId)
        {
            return EngagementResult.Skipped("create mailing: " + failure);
        }

        await sandbox.PostJsonAsync(sandbox.Maileon, $"/_sandbox/maileon/mailings/{mailingId}/send", new { emails, links = new[] { Pricing } });
        var events = emails.Select((email, i) => i == 0 ? (object)new { email, bounce = "hard" } : new { email, opens = 2, clicks = new[] { Pricing } }).ToArray();
        await sandbox.PostJsonAsync(sandbox.Maileon, $"/_sandbox/maileon/mailings/{mailingId}/tracking", new { events });

        var deadline = DateTime.UtcNow + timeout;
        var seen = 0;
        while (DateTime.UtcNow < deadline && seen < emails.Count)
        {
            await Task.Delay(500);
            var now = await EntriesAsync(tenant.CompanyId);
            progress.Advance(now - seen);
            seen = now;
        }

        await QuietAsync(tenant.CompanyId);
        var entries = await EntriesAsync(tenant.CompanyId);
        var usageAfter = await sandbox.PipedriveUsageAsync();
        var (calls, tokens) = usageBefore?.GetValueOrDefault(tenant.CompanyId) is { } before && usageAfter?.GetValueOrDefault(tenant.CompanyId) is { } after
            ? (after.Calls - before.Calls, after.Tokens - before.Tokens)
            : ((long?)null, (long?)null);
        return new EngagementResult(emails.Count, entries, calls, tokens, clock.Elapsed.TotalSeconds, null);
    }

    /// <summary>
    /// Creates the recipients in the Pipedrive emulator and asks for the newsletter as a user would (real webhooks to the
    /// app), then confirms each double opt-in in Maileon; returns the addresses that reached Maileon.
    /// </summary>
    private async Task<List<string>> SubscribeAsync(BenchTenant tenant, long account)
    {
        var emails = new List<string>();
        for (var i = 0; i < recipients; i++)
        {
            var email = $"reader{i}.c{tenant.CompanyId}@engagement.bench.example";
            var (person, _) = await sandbox.PostJsonAsync(sandbox.Pipedrive, $"{SandboxRoutes.PipedriveCompanies}/{tenant.CompanyId}/persons?userId={tenant.UserId}",
                new { name = $"Reader {i}", emails = new[] { new { value = email, primary = true, label = "work" } } });
            if (SandboxClient.Long(person, "id") is { } id)
            {
                await sandbox.PostJsonAsync(sandbox.Pipedrive, $"/_sandbox/pipedrive/persons/{id}/custom-field", new { field = "Newsletter", option = "Subscribe", userId = tenant.UserId });
                emails.Add(email);
            }
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var reached = new List<string>();
        while (DateTime.UtcNow < deadline && reached.Count < emails.Count)
        {
            await Task.Delay(500);
            var contacts = (await sandbox.GetJsonAsync(sandbox.Maileon, $"/_sandbox/maileon/contacts?accountId={account}"))?.AsArray() ?? [];
            var known = contacts.Select(c => SandboxClient.Text(c, "email")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            reached = [.. emails.Where(known.Contains)];
        }

        foreach (var email in reached)
        {
            await sandbox.PostJsonAsync(sandbox.Maileon, "/_sandbox/maileon/doi/confirm", new { accountId = account, email });
        }

        return reached;
    }

    private async Task<int> EntriesAsync(long companyId) =>
        (await sandbox.GetJsonAsync(sandbox.Pipedrive, $"/_sandbox/pipedrive/companies/{companyId}/timeline"))?.AsArray().Count ?? 0;

    /// <summary>Waits until the tenant's Pipedrive usage has not moved for 3 s (at most 60 s): the app's own follow-up calls are done.</summary>
    private async Task QuietAsync(long companyId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = (await sandbox.PipedriveUsageAsync())?.GetValueOrDefault(companyId);
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(500);
            var now = (await sandbox.PipedriveUsageAsync())?.GetValueOrDefault(companyId);
            if (now != last)
            {
                (last, stableSince) = (now, DateTime.UtcNow);
            }
        }
    }
}
