using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using PipedriveMaileon.Sandbox.LivedIn;
using PipedriveMaileon.Sandbox.Tests.Maileon;
using PipedriveMaileon.Sandbox.Tests.Pipedrive;
using Xunit.Abstractions;

namespace PipedriveMaileon.Sandbox.Tests.LivedIn;

public sealed class LivedInFixtureTests(LivedInSandbox sandbox, ITestOutputHelper output) : IClassFixture<LivedInSandbox>
{
    private LivedInManifest Manifest => sandbox.Manifest;

    [Fact]
    public void Both_companies_hold_every_case_and_the_counts_follow_from_the_persons()
    {
        var first = Persons(sandbox.First);
        var second = Persons(sandbox.Second);
        Assert.Equal(5_000, first.Count);
        Assert.Equal(500, second.Count);
        Assert.All(Enum.GetValues<EmailShape>(), s => Assert.True(first.Count(p => p.Shape == s) >= 20, $"few persons of shape {s}"));
        Assert.All(Enum.GetValues<NewsletterMark>(), m => Assert.True(first.Count(p => p.Mark == m) >= 20, $"few persons marked {m}"));
        Assert.All(Enum.GetValues<MaileonSide>(), s => Assert.True(first.Count(p => p.Maileon == s) >= 5, $"few persons whose address is {s} in Maileon"));
        Assert.All(Enum.GetValues<FirstSyncExpectation>(), e => Assert.True(sandbox.First.Expected[e] >= 5, $"few persons expecting {e}"));

        foreach (var (company, persons) in new[] { (sandbox.First, first), (sandbox.Second, second) })
        {
            Assert.All(Enum.GetValues<FirstSyncExpectation>(), e => Assert.Equal(persons.Count(p => p.Expected == e), company.Expected[e]));
            var mailed = persons.Where(p => p.Expected == FirstSyncExpectation.DoiMail).Select(p => Key(p.PrimaryEmail)).Distinct().Count();
            Assert.Equal(mailed, company.DoiMails);
        }

        Assert.True(sandbox.First.DoiMails < sandbox.First.Expected[FirstSyncExpectation.DoiMail], "no two marked persons share a mailed address");

        output.WriteLine($"seeded in {sandbox.SeedingMilliseconds} ms");
        foreach (var company in Manifest.Companies)
        {
            output.WriteLine($"company {company.CompanyId} ({company.NewsletterLabels}): {company.Persons} persons, {company.Deals} deals, {company.DoiMails} DOI mails; " +
                             string.Join(", ", company.Expected.Select(e => $"{e.Key} {e.Value}")));
        }

        output.WriteLine($"Maileon: {Manifest.Contacts.Count} contacts; " + string.Join(", ", Manifest.Contacts.GroupBy(c => (c.Origin, c.Side)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.Origin}/{g.Key.Side} {g.Count()}")));
    }

    [Fact]
    public void The_expected_outcome_of_each_person_follows_the_first_sync_rules()
    {
        foreach (var company in Manifest.Companies)
        {
            var persons = Persons(company);
            var blocked = persons.Where(p => p.Mark == NewsletterMark.Unsubscribed && Key(p.PrimaryEmail) is not null).Select(p => Key(p.PrimaryEmail)).ToHashSet();
            foreach (var person in persons)
            {
                var marked = person.Mark is not (NewsletterMark.Empty or NewsletterMark.Unrecognised or NewsletterMark.Unsubscribed);
                var key = Key(person.PrimaryEmail);
                var expected = !marked ? (person.Mark == NewsletterMark.Unsubscribed ? FirstSyncExpectation.Unsubscribed : FirstSyncExpectation.NotMarked)
                    : person.PrimaryEmail is null ? FirstSyncExpectation.NoEmail
                    : key is null ? FirstSyncExpectation.InvalidEmail
                    : person.Maileon == MaileonSide.Unsubscribed || blocked.Contains(key) ? FirstSyncExpectation.Unsubscribed
                    : person.Maileon is MaileonSide.Doi or MaileonSide.DoiPlus ? FirstSyncExpectation.AlreadyConfirmed
                    : person.Maileon == MaileonSide.None && person.Mark == NewsletterMark.AwaitingConfirmation ? FirstSyncExpectation.AwaitingConfirmation
                    : FirstSyncExpectation.DoiMail;
                Assert.True(expected == person.Expected, $"person {person.PersonId}: {person.Mark}, {person.PrimaryEmail}, {person.Maileon} → {person.Expected}, not {expected}");
            }
        }
    }

    [Fact]
    public void Duplicates_share_an_address_in_other_spelling_and_the_second_company_shares_addresses_with_the_first()
    {
        var first = Persons(sandbox.First);
        var byKey = first.Where(p => Key(p.PrimaryEmail) is not null).ToLookup(p => Key(p.PrimaryEmail));
        var duplicates = first.Where(p => p.Shape == EmailShape.Duplicate).ToList();
        Assert.All(duplicates, d => Assert.True(byKey[Key(d.PrimaryEmail)].Count() >= 2));
        Assert.All(duplicates, d => Assert.Contains(byKey[Key(d.PrimaryEmail)], o => o.PrimaryEmail != d.PrimaryEmail));

        var shared = Persons(sandbox.Second).Where(p => p.Shape == EmailShape.SharedWithOtherCompany).ToList();
        Assert.True(shared.Count >= 100);
        Assert.All(shared, s => Assert.Contains(byKey[Key(s.PrimaryEmail)], p => p.Shape == EmailShape.SharedWithOtherCompany));
        Assert.All(first.Where(p => p.Shape == EmailShape.Several), p => Assert.InRange(p.Emails.Count, 2, 3));
        Assert.Contains(first, p => p.Shape == EmailShape.Several && p.Emails[0] != p.PrimaryEmail);
        Assert.All(first.Where(p => p.Shape == EmailShape.Invalid), p => Assert.Null(Key(p.PrimaryEmail)));
        Assert.All(first.Where(p => p.Shape == EmailShape.None), p => Assert.Empty(p.Emails));
    }

    [Fact]
    public async Task The_pipedrive_side_reads_like_any_account_through_the_api()
    {
        var session = new SandboxSession(sandbox.Factory.CreateClient());
        var token = await session.AccessTokenAsync(sandbox.First.CompanyId);
        var fields = JsonNode.Parse((await session.ApiAsync(token, HttpMethod.Get, "/api/v2/personFields?limit=100")).Body)!["data"]!.AsArray();
        var newsletter = fields.Single(f => f!["field_name"]!.GetValue<string>() == "Newsletter")!;
        Assert.Equal(sandbox.First.NewsletterFieldKey, newsletter["field_code"]!.GetValue<string>());
        Assert.Equal(["Subscribe", "DOI pending", "Subscribed", "Unsubscribe", "Unsubscribed", "VIP list"],
            newsletter["options"]!.AsArray().Select(o => o!["label"]!.GetValue<string>()));

        var persons = await AllPersonsAsync(session, token, string.Empty);
        var expected = Persons(sandbox.First).ToDictionary(p => p.PersonId);
        Assert.Equal(expected.Keys.Order(), persons.Select(p => p["id"]!.GetValue<long>()).Order());
        var optionIds = sandbox.First.NewsletterOptions.ToDictionary(o => o.Label, o => o.Id);
        var now = DateTimeOffset.UtcNow;
        foreach (var person in persons)
        {
            var truth = expected[person["id"]!.GetValue<long>()];
            Assert.Equal(truth.Emails, person["emails"]!.AsArray().Select(e => e!["value"]!.GetValue<string>()));
            Assert.Equal(truth.PrimaryEmail, person["emails"]!.AsArray().FirstOrDefault(e => e!["primary"]!.GetValue<bool>())?["value"]?.GetValue<string>());
            var value = person["custom_fields"]![sandbox.First.NewsletterFieldKey]?.GetValue<long>();
            Assert.Equal(truth.NewsletterLabel is { } label ? optionIds[label] : null, value);
            var (added, updated) = (DateTimeOffset.Parse(person["add_time"]!.GetValue<string>()), DateTimeOffset.Parse(person["update_time"]!.GetValue<string>()));
            Assert.True(added <= updated && updated < now.AddHours(-1), $"person {truth.PersonId}: added {added}, updated {updated}");
        }

        var recent = await AllPersonsAsync(session, token, $"&updated_since={Uri.EscapeDataString(now.AddDays(-60).ToString("yyyy-MM-ddTHH:mm:ssZ"))}");
        Assert.InRange(recent.Count, 1, 1_000);

        var deal = Manifest.Deals.First(d => d.Value != decimal.Truncate(d.Value));
        var dealJson = JsonNode.Parse((await session.ApiAsync(token, HttpMethod.Get, $"/api/v2/deals/{deal.DealId}")).Body)!["data"]!;
        Assert.Equal(deal.Value, dealJson["value"]!.GetValue<decimal>());
        Assert.Equal(deal.PersonId, dealJson["person_id"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_shared_maileon_account_holds_the_incumbents_and_other_systems_contacts_and_the_seeds_event_types()
    {
        var api = sandbox.Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = MaileonAccountFixture.Basic(Manifest.MaileonApiKey);
        var anonymised = Manifest.Contacts.Count(c => c.Email is null);
        Assert.Equal(anonymised.ToString(), XElement.Parse(await api.GetStringAsync("/1.0/reports/unsubscriptions/count")).Value);
        Assert.Equal((Manifest.Contacts.Count - anonymised).ToString(), XElement.Parse(await api.GetStringAsync("/1.0/contacts/count")).Value);

        var type = XElement.Parse(await api.GetStringAsync("/1.0/transactions/types/pipedrive_deal_updated"));
        var attributes = type.Element("attributes")!.Elements("attribute").ToDictionary(a => a.Element("name")!.Value, a => a.Element("type")!.Value);
        Assert.Equal(("integer", "integer", "string", "timestamp"), (attributes["deal_id"], attributes["value"], attributes["expected_close_date"], attributes["timestamp"]));
        Assert.Equal(11, attributes.Count);

        var incumbent = Manifest.Contacts.First(c => c.Origin == ContactOrigin.Incumbent && c.Email is not null && c.PersonIds.Count > 0);
        var read = XElement.Parse(await api.GetStringAsync($"/1.0/contacts/email/{Uri.EscapeDataString(incumbent.Email!)}?custom_field=createdByPipedrive&custom_field=pipedriveId"));
        var owner = Manifest.Persons.Single(p => p.PersonId == incumbent.PersonIds[0]);
        Assert.Equal($"{owner.CompanyId}_{owner.PersonId}", read.Element("external_id")!.Value);
        Assert.Equal(incumbent.Permission.ToString(), read.Element("permission")!.Value);
        var custom = read.Element("custom_fields")!.Elements("field").ToDictionary(f => f.Element("name")!.Value, f => f.Element("value")!.Value);
        Assert.Equal(("true", owner.CompanyId.ToString()), (custom["createdByPipedrive"], custom["pipedriveId"]));

        var others = Manifest.Contacts.Where(c => c.Origin == ContactOrigin.OtherSystem && c.Email is not null).ToList();
        Assert.Contains(others, c => c.CreatedByPipedrive is null);
        Assert.Contains(others, c => c.CreatedByPipedrive == "false");
        Assert.All(others, c => Assert.StartsWith("shop-", c.ExternalId, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(1, 6), permission => Assert.Contains(Manifest.Contacts, c => c.Email is not null && c.Permission == permission));
        Assert.Contains(Manifest.Contacts, c => c.Email is null && c.PersonIds.Count > 0 && Manifest.Contacts.Any(a => a.Email is not null && a.PersonIds.SequenceEqual(c.PersonIds)));
        Assert.Contains(Manifest.Contacts, c => c.PersonIds.Any(id => Manifest.Persons.Single(p => p.PersonId == id).CompanyId == sandbox.Second.CompanyId)
                                                && c.PersonIds.Any(id => Manifest.Persons.Single(p => p.PersonId == id).CompanyId == sandbox.First.CompanyId));
    }

    [Fact]
    public async Task The_manifest_can_be_read_again_and_a_second_seeding_with_the_same_seed_is_refused()
    {
        var client = sandbox.Factory.CreateClient();
        Assert.Equal(sandbox.ManifestJson, await client.GetStringAsync($"/_sandbox/livedin/{sandbox.Second.CompanyId}"));
        var summary = LivedInSandbox.Parse(await client.GetStringAsync($"/_sandbox/livedin/{sandbox.First.CompanyId}/summary"));
        Assert.Empty(summary.Persons);
        Assert.Equal(Manifest.Companies, summary.Companies, (a, b) => a.CompanyId == b.CompanyId && a.DoiMails == b.DoiMails);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/_sandbox/livedin", new { persons = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/_sandbox/livedin", new { seed = 99, persons = 10, companyId = sandbox.First.CompanyId })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/_sandbox/livedin", new { persons = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/_sandbox/livedin", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/_sandbox/livedin", new { seed = 98, persons = 10, maileonAccountId = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/_sandbox/livedin/424242")).StatusCode);
    }

    private IReadOnlyList<ManifestPerson> Persons(ManifestCompany company) => [.. Manifest.Persons.Where(p => p.CompanyId == company.CompanyId)];

    private static string? Key(string? email) => email is not null && System.Text.RegularExpressions.Regex.IsMatch(email.Trim(), @"^[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}$")
        ? email.Trim().ToLowerInvariant() : null;

    private static async Task<List<JsonNode>> AllPersonsAsync(SandboxSession session, string token, string filter)
    {
        var persons = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var path = $"/api/v2/persons?limit=500{filter}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            var (status, body, _) = await session.ApiAsync(token, HttpMethod.Get, path);
            Assert.Equal(200, status);
            var page = JsonNode.Parse(body)!;
            persons.AddRange(page["data"]!.AsArray().Select(p => p!));
            cursor = page["additional_data"]?["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return persons;
    }
}
