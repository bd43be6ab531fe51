using System.Net;
using static PipedriveMaileon.Sandbox.Tests.Maileon.Conformance.MaileonWire;
using static PipedriveMaileon.Sandbox.Tests.Maileon.MaileonAccountFixture;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>
/// Mailings and the opens, clicks and bounces reports, compared whole with what Maileon documents ("Create Mailing",
/// "Get Mailings By States", "Get Opens/Clicks/Bounces") and the official client's models read (reports/Open.php,
/// Click.php, Bounce.php, ReportContact.php). The clock stands still, so every timestamp is known: a recipient's
/// events are one second apart and end now (06:54:41).
/// </summary>
public sealed class MailingAndTrackingConformanceTests(FixedClockSandboxFactory factory) : IClassFixture<FixedClockSandboxFactory>
{
    private static readonly long From = FixedClockSandboxFactory.Now.AddMinutes(-1).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Create_mailing_answers_201_with_its_id_and_checks_name_subject_and_type()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var created = await account.Api.PostAsync("/1.0/mailings?name=my+mailing&subject=my+subject", Xml(string.Empty));
        await AssertXml(created, HttpStatusCode.Created, $"<id>{IdOf(await created.Content.ReadAsStringAsync())}</id>");

        await AssertError(await account.Api.PostAsync("/1.0/mailings?name=my+mailing&subject=other", null), HttpStatusCode.Conflict,
            "A mailing with the name 'my mailing' exists already.");
        await AssertError(await account.Api.PostAsync("/1.0/mailings?name=ab&subject=x", null), HttpStatusCode.BadRequest,
            "The name must be 3 to 64 characters long but was 'ab'.");
        await AssertError(await account.Api.PostAsync("/1.0/mailings?name=no+subject", null), HttpStatusCode.BadRequest, "The subject must not be empty.");
        await AssertError(await account.Api.PostAsync("/1.0/mailings?name=typed&subject=x&type=newsletter", null), HttpStatusCode.BadRequest,
            "Invalid mailing type 'newsletter': use doi, trigger or regular.");
    }

    [Fact]
    public async Task Subject_state_and_the_lists_by_state_and_type()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var news = await CreateMailingAsync(account, "December news", "December news & offers");
        var draft = await CreateMailingAsync(account, "January draft", "January");
        await account.CreateContactAsync("reader@example.com", "permission=5&sync_mode=1");
        await account.ControlPostAsync($"mailings/{news}/send", new { });

        await AssertXml(await account.Api.GetAsync($"/1.0/mailings/{news}/contents/subject"), HttpStatusCode.OK, "<subject>December news &amp; offers</subject>");
        await AssertXml(await account.Api.GetAsync($"/1.0/mailings/{news}/state"), HttpStatusCode.OK, "<state>done</state>");
        await AssertXml(await account.Api.GetAsync($"/1.0/mailings/{draft}/state"), HttpStatusCode.OK, "<state>draft</state>");
        await AssertError(await account.Api.GetAsync("/1.0/mailings/3108/contents/subject"), HttpStatusCode.NotFound, "Mailing with id 3108 not found.");

        var done = await account.Api.GetAsync("/1.0/mailings/filter/states?states=done&fields=state&fields=type&fields=name&fields=scheduleTime&page_index=1&page_size=10");
        await AssertXml(done, HttpStatusCode.OK,
            $"<mailings><mailing><id>{news}</id><fields><field><name>name</name><value>December news</value></field>"
            + "<field><name>state</name><value>done</value></field><field><name>type</name><value>regular</value></field>"
            + "<field><name>scheduleTime</name><value>2026-05-27 06:54:41</value></field></fields></mailing></mailings>");
        AssertPaging(done, 1, 1);
        await AssertXml(await account.Api.GetAsync("/1.0/mailings/filter/types?types=regular&order=DESC"), HttpStatusCode.OK,
            $"<mailings><mailing><id>{draft}</id><fields /></mailing><mailing><id>{news}</id><fields /></mailing></mailings>");
        await AssertError(await account.Api.GetAsync("/1.0/mailings/filter/states?states=sent"), HttpStatusCode.BadRequest,
            "Invalid value 'sent' for states: use draft, failed, queued, checks, blacklist, preparing, sending, canceled, paused, done, archiving, archived, released, scheduled.");
    }

    [Fact]
    public async Task Opens_and_clicks_are_personal_only_with_single_user_tracking()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var plus = await account.CreateContactAsync("plus@example.com", "permission=5&sync_mode=1", "<contact><external_id>pd-1-7</external_id></contact>");
        await account.CreateContactAsync("doi@example.com", "permission=4&sync_mode=1");
        var mailing = await CreateMailingAsync(account, "Tracking test", "Tracking");
        var sent = await account.ControlPostAsync($"mailings/{mailing}/send", new { links = new[] { "https://shop.example/pricing" } });
        var message = sent["recipients"]!.AsArray().Single(r => r!["email"]!.GetValue<string>() == "plus@example.com")!["messageId"]!.GetValue<long>();
        var link = sent["links"]![0]!["id"]!.GetValue<long>();
        await account.ControlPostAsync($"mailings/{mailing}/tracking", new
        {
            events = new object[]
            {
                new { email = "plus@example.com", opens = 2, clicks = new[] { "https://shop.example/pricing" } },
                new { email = "doi@example.com", opens = 1, clicks = new[] { "https://shop.example/pricing" } },
            },
        });

        string Contact() => $"<contact><id>{plus}</id><email>plus@example.com</email><external_id>pd-1-7</external_id></contact>";
        string Open(string at) => $"<open>{Contact()}<mailing_id>{mailing}</mailing_id><timestamp>{at}</timestamp><msg_id>{message}</msg_id><format>html</format><device_type>COMPUTER</device_type></open>";
        var opens = await account.Api.GetAsync($"/1.0/reports/opens?from_date={From}&mailing_id={mailing}&page_index=1&page_size=100");
        await AssertXml(opens, HttpStatusCode.OK, $"<opens>{Open("2026-05-27 06:54:39")}{Open("2026-05-27 06:54:40")}</opens>");
        AssertPaging(opens, 2, 1);
        await AssertXml(await account.Api.GetAsync($"/1.0/reports/clicks?from_date={From}"), HttpStatusCode.OK,
            $"<clicks><click>{Contact()}<mailing_id>{mailing}</mailing_id><timestamp>2026-05-27 06:54:41</timestamp><link_id>{link}</link_id>"
            + $"<link_url>https://shop.example/pricing</link_url><msg_id>{message}</msg_id><format>html</format><device_type>COMPUTER</device_type></click></clicks>");
        await AssertXml(await account.Api.GetAsync($"/1.0/reports/opens/count?from_date={From}"), HttpStatusCode.OK, "<count>2</count>");

        // The DOI contact's open exists, but only anonymously.
        await AssertXml(await account.Api.GetAsync($"/1.0/reports/opens/count?from_date={From}&exclude_anonymous_opens=false"), HttpStatusCode.OK, "<count>3</count>");
        var anonymous = await (await account.Api.GetAsync($"/1.0/reports/opens?emails=doi%40example.com&exclude_anonymous_opens=false")).Content.ReadAsStringAsync();
        Assert.Equal(Declaration + "<opens />", anonymous);
        var all = await (await account.Api.GetAsync($"/1.0/reports/opens?exclude_anonymous_opens=false&embed_contact_hash=true")).Content.ReadAsStringAsync();
        Assert.Contains("<open><contact anonymous=\"true\" /><mailing_id>", all, StringComparison.Ordinal);
        Assert.Contains("<contact_hash>", all, StringComparison.Ordinal);

        // After an unsubscribe Maileon anonymises the contact's opens and clicks too.
        await AssertNoBody(await account.Api.DeleteAsync("/1.0/contacts/email/plus%40example.com/unsubscribe"), HttpStatusCode.NoContent);
        await AssertXml(await account.Api.GetAsync($"/1.0/reports/opens?from_date={From}"), HttpStatusCode.OK, "<opens />");
    }

    [Fact]
    public async Task Bounces_are_tied_to_the_contact_with_type_status_code_and_source()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var hard = await account.CreateContactAsync("gone@example.com", "permission=4&sync_mode=1");
        await account.CreateContactAsync("full@example.com", "permission=4&sync_mode=1");
        var mailing = await CreateMailingAsync(account, "Bounce test", "Bounces");
        var sent = await account.ControlPostAsync($"mailings/{mailing}/send", new { });
        var message = sent["recipients"]!.AsArray().Single(r => r!["contactId"]!.GetValue<long>() == hard)!["messageId"]!.GetValue<long>();
        await account.ControlPostAsync($"mailings/{mailing}/tracking", new
        {
            events = new object[] { new { email = "gone@example.com", bounce = "hard" }, new { email = "full@example.com", bounce = "soft" } },
        });

        await AssertXml(await account.Api.GetAsync($"/1.0/reports/bounces?from_date={From}&type=permanent"), HttpStatusCode.OK,
            $"<bounces><bounce><contact><id>{hard}</id><email>gone@example.com</email><external_id></external_id></contact><mailing_id>{mailing}</mailing_id>"
            + $"<timestamp>2026-05-27 06:54:41</timestamp><type>permanent</type><status_code>5.1.1</status_code><source>mta-listener</source><msg_id>{message}</msg_id></bounce></bounces>");
        await AssertXml(await account.Api.GetAsync($"/1.0/reports/bounces/count?from_date={From}"), HttpStatusCode.OK, "<count>2</count>");
        await AssertError(await account.Api.GetAsync("/1.0/reports/bounces?type=hard"), HttpStatusCode.BadRequest,
            "Parameter type must be one of permanent, transient but was 'hard'.");
        await AssertError(await account.Api.GetAsync("/1.0/reports/bounces?page_size=2000"), HttpStatusCode.BadRequest, "page_size must not exceed 1000 but was 2000");
    }

    [Fact]
    public async Task An_unsubscribe_counted_for_a_sent_mailing_names_it_in_the_report()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var id = await account.CreateContactAsync("leaver@example.com", "permission=4&sync_mode=1");
        var draft = await CreateMailingAsync(account, "Not sent", "Draft");
        var mailing = await CreateMailingAsync(account, "Sent one", "Sent");
        var sent = await account.ControlPostAsync($"mailings/{mailing}/send", new { });
        var message = sent["recipients"]![0]!["messageId"]!.GetValue<long>();

        await AssertError(await account.Api.DeleteAsync($"/1.0/contacts/email/leaver%40example.com/unsubscribe?mailingId={draft}"), HttpStatusCode.BadRequest,
            $"Mailing with id {draft} not found or not sent (sealed).");
        await AssertNoBody(await account.Api.DeleteAsync($"/1.0/contacts/email/leaver%40example.com/unsubscribe?mailingId={mailing}"), HttpStatusCode.NoContent);
        await AssertXml(await account.Api.GetAsync($"/1.0/reports/unsubscriptions?from_date={From}"), HttpStatusCode.OK,
            $"<unsubscriptions><unsubscription><timestamp>2026-05-27 06:54:41</timestamp><contact><id>{id}</id><email>leaver@example.com</email>"
            + $"<external_id></external_id></contact><mailing_id>{mailing}</mailing_id><msg_id>{message}</msg_id><source>api</source></unsubscription></unsubscriptions>");
    }

    private static async Task<long> CreateMailingAsync(MaileonAccountFixture account, string name, string subject)
    {
        var created = await account.ControlPostAsync("mailings", new { accountId = account.AccountId, name, subject }, HttpStatusCode.Created);
        return created["id"]!.GetValue<long>();
    }
}
