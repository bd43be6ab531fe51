using System.Diagnostics;
using System.Text.Json.Nodes;
using PipedriveMaileon.LoadGenerator.Reporting;
using PipedriveMaileon.LoadGenerator.Sandbox;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// Pipedrive's cost of engagement: on the first tenant (installed with DOI+ and engagement on, so the bounce field
/// exists before the mark) the subscribes' double opt-ins are confirmed, and once the app is quiet a mailing goes to
/// those recipients, who open it twice and click a link (one bounces hard, which wakes the poll). The phase counts the
/// timeline entries the poll writes and the Pipedrive calls and tokens spent from the mark until it is quiet again.
/// </summary>
public sealed class EngagementPhase(SandboxClient sandbox, int recipients, TimeSpan timeout)
{
    private const string Pricing = "https://bench.example/pricing";

    public async Task<EngagementResult> RunAsync(BenchTenant? tenant)
    {
        if (tenant is not { Installed: true, MaileonAccountId: { } account })
        {
            return EngagementResult.Skipped("no installed tenant with a Maileon account");
        }

        var contacts = (await sandbox.GetJsonAsync(sandbox.Maileon, $"/_sandbox/maileon/contacts?accountId={account}"))?.AsArray() ?? [];
        var emails = contacts.Where(c => (SandboxClient.Text(c, "externalId") ?? "").StartsWith($"pd-{tenant.CompanyId}-", StringComparison.Ordinal))
            .Select(c => SandboxClient.Text(c, "email")).OfType<string>().Take(recipients).ToList();
        if (emails.Count < 2)
        {
            return EngagementResult.Skipped($"only {emails.Count} of the tenant's contacts in Maileon (the subscribe phase creates them)");
        }

        foreach (var email in emails)
        {
            await sandbox.PostJsonAsync(sandbox.Maileon, "/_sandbox/maileon/doi/confirm", new { accountId = account, email });
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

        var entries = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && entries < emails.Count)
        {
            await Task.Delay(500);
            entries = (await sandbox.GetJsonAsync(sandbox.Pipedrive, $"/_sandbox/pipedrive/companies/{tenant.CompanyId}/timeline"))?.AsArray().Count ?? 0;
        }

        await QuietAsync(tenant.CompanyId);
        var usageAfter = await sandbox.PipedriveUsageAsync();
        var (calls, tokens) = usageBefore?.GetValueOrDefault(tenant.CompanyId) is { } before && usageAfter?.GetValueOrDefault(tenant.CompanyId) is { } after
            ? (after.Calls - before.Calls, after.Tokens - before.Tokens)
            : ((long?)null, (long?)null);
        return new EngagementResult(emails.Count, entries, calls, tokens, clock.Elapsed.TotalSeconds, null);
    }

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
