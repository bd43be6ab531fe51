using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Engagement;

/// <summary>
/// Drives engagement end to end for one synced tenant: subscribes many persons at once (DOI confirmed in the
/// Maileon sandbox), switches the setting on, sends a mailing with the recipients' opens, clicks and bounces, and
/// reads back what landed in Pipedrive (notes and activities, the "Maileon bounce" field).
/// </summary>
public sealed partial class EngagementDriver(SyncedTenant tenant)
{
    public const string Subject = "December news";

    private SandboxProcess Sandbox => tenant.Deployment.Sandbox;

    /// <summary>Creates <paramref name="count"/> persons, asks each for the newsletter and confirms every DOI; returns (person id, email).</summary>
    public async Task<IReadOnlyList<(long Id, string Email)>> SubscribedPersonsAsync(string prefix, int count)
    {
        var persons = new List<(long, string)>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(10))
        {
            persons.AddRange(await Task.WhenAll(chunk.Select(async i =>
            {
                var email = $"{prefix}{i}@engagement.example";
                var id = await tenant.CreatePersonAsync($"{prefix} {i}", email);
                await tenant.SetNewsletterAsync(id, "Subscribe");
                return (id, email);
            })));
        }

        await NewslettersBecomeAsync(persons.Select(p => p.Item1), "Awaiting confirmation");
        foreach (var chunk in persons.Chunk(10))
        {
            await Task.WhenAll(chunk.Select(p => tenant.ConfirmDoiAsync(p.Item2)));
        }

        await NewslettersBecomeAsync(persons.Select(p => p.Item1), "Subscribed");
        return persons;
    }

    public async Task NewslettersBecomeAsync(IEnumerable<long> personIds, string label)
    {
        var wanted = personIds.ToHashSet();
        await Eventually.TrueAsync(
            async () => (await PersonsAsync()).Count(p => wanted.Contains((long)p["id"]!) && (string?)p["newsletter"] == label) == wanted.Count,
            TimeSpan.FromSeconds(120),
            () => $"not every person's Newsletter became '{label}'\n{tenant.Diagnostics()}");
    }

    public async Task<IReadOnlyList<JsonNode>> PersonsAsync() =>
        [.. (await Sandbox.ControlGetAsync("pipedrive", $"companies/{tenant.CompanyId}/persons"))!.AsArray().Select(p => p!)];

    /// <summary>Saves the engagement setting on the settings page (all three kinds; notes or activities).</summary>
    public Task<string> EnableAsync(bool activities = false) => tenant.Admin.PostHandlerAsync(
        "SaveEngagement",
        new("Engagement.Enabled", "true"),
        new("Engagement.Opens", "true"),
        new("Engagement.Clicks", "true"),
        new("Engagement.HardBounces", "true"),
        new("Engagement.Target", activities ? "activity" : "note"));

    /// <summary>Creates and sends a mailing to the account's DOI and DOI+ contacts with two tracked links; returns its id.</summary>
    public async Task<long> SendMailingAsync()
    {
        var mailing = await Sandbox.ControlPostAsync("maileon", "mailings", new { accountId = tenant.MaileonAccountId, name = "December", subject = Subject });
        var id = (long)mailing!["id"]!;
        await Sandbox.ControlPostAsync("maileon", $"mailings/{id}/send", new { links = new[] { Pricing, Blog } });
        return id;
    }

    public const string Pricing = "https://shop.example/pricing";
    public const string Blog = "https://shop.example/blog";

    public Task TrackAsync(long mailingId, IEnumerable<object> events) =>
        Sandbox.ControlPostAsync("maileon", $"mailings/{mailingId}/tracking", new { events = events.ToArray() });

    /// <summary>The company's notes and activities.</summary>
    public async Task<IReadOnlyList<JsonNode>> TimelineAsync() =>
        [.. (await Sandbox.ControlGetAsync("pipedrive", $"companies/{tenant.CompanyId}/timeline"))!.AsArray().Select(e => e!)];

    /// <summary>The timeline once two readings 2 s apart agree (writes made a little after their run have landed).</summary>
    public async Task<IReadOnlyList<JsonNode>> SettledTimelineAsync()
    {
        var last = await TimelineAsync();
        for (var i = 0; i < 30; i++)
        {
            await Task.Delay(2000);
            var now = await TimelineAsync();
            if (now.Select(e => e.ToJsonString()).SequenceEqual(last.Select(e => e.ToJsonString())))
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    /// <summary>The subject an entry shows (a note leads its content with it in bold).</summary>
    public static string SubjectOf(JsonNode entry) =>
        (string?)entry["subject"] ?? (NoteSubject().Match((string?)entry["content"] ?? "") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : "");

    /// <summary>When the last poll run finished (from the settings page), or null.</summary>
    public async Task<long?> LastRunFinishedAsync()
    {
        var page = await tenant.Admin.SettingsPageAsync();
        return FinishedMarker().Match(page) is { Success: true } match && match.Groups[1].Value.Length > 0 ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Presses "Read Maileon's reports now" and waits until that run has finished.</summary>
    public async Task PollAndWaitAsync()
    {
        // A run pressed for finishes after the press (one in progress when pressed is followed by another).
        var pressed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await tenant.Admin.PostHandlerAsync("PollEngagement");
        await Eventually.TrueAsync(
            async () => await LastRunFinishedAsync() is { } finished && finished > pressed,
            TimeSpan.FromSeconds(60),
            () => $"the engagement poll did not finish\n{tenant.Diagnostics()}");
    }

    /// <summary>The settings page's engagement section as text (setting, sources, verdicts, errors), for failure messages.</summary>
    public string EngagementStatus()
    {
        var page = tenant.Admin.SettingsPageAsync().GetAwaiter().GetResult();
        var at = page.IndexOf("data-testid=\"engagement\"", StringComparison.Ordinal);
        return at < 0 ? "(no engagement section)" : Regex.Replace(page[at..Math.Min(page.Length, at + 6000)], "<[^>]+>", " ");
    }

    [GeneratedRegex("^<p><b>(.*?)</b></p>", RegexOptions.Singleline)]
    private static partial Regex NoteSubject();

    [GeneratedRegex("data-last-run-finished=\"(\\d*)\"")]
    private static partial Regex FinishedMarker();
}
