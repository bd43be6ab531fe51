using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Tests.Maileon;

public sealed class ConsoleTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    [Fact]
    public async Task Console_lists_contacts_doi_mails_types_and_escapes_what_it_renders()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.CreateContactAsync("console@example.com", "permission=1&sync_mode=1&doi=true&src=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "<contact><standard_fields><field><name>FIRSTNAME</name><value>&lt;b&gt;Bold&lt;/b&gt;</value></field></standard_fields></contact>");
        await TransactionTypeTests.CreateTypeAsync(account);

        var html = await factory.CreateClient().GetStringAsync("/maileon");
        Assert.Contains("console@example.com", html, StringComparison.Ordinal);
        Assert.Contains("DOI pending", html, StringComparison.Ordinal);
        Assert.Contains("confirm DOI", html, StringComparison.Ordinal);
        Assert.Contains("unsubscribe (mail link)", html, StringComparison.Ordinal);
        Assert.Contains("pipedrive_deal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_buttons_confirm_doi_and_unsubscribe_via_mail_link()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var contactId = await account.CreateContactAsync("buttons@example.com", "permission=1&sync_mode=1&doi=true");
        var mailId = Assert.Single(await account.ControlListAsync("doi-mails"))!["id"]!.GetValue<long>();
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var confirm = await browser.PostAsync("/maileon/actions/confirm", new FormUrlEncodedContent([new("mailId", mailId.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var contact = Assert.Single(await account.ControlListAsync("contacts"))!;
        Assert.Equal(4, contact["permission"]!.GetValue<int>());

        var unsubscribe = await browser.PostAsync("/maileon/actions/unsubscribe", new FormUrlEncodedContent([
            new("accountId", account.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("contactId", contactId.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.Equal(HttpStatusCode.Redirect, unsubscribe.StatusCode);
        var unsubscription = Assert.Single(await account.ControlListAsync("unsubscriptions"))!;
        Assert.Equal("link", unsubscription["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Console_masks_webhook_url_secrets_but_the_control_api_shows_them()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        await account.RegisterWebhookAsync("https://app.example.com/webhooks/maileon/1/doi?token=very-secret-token", "doi");
        var html = await factory.CreateClient().GetStringAsync("/maileon");
        Assert.DoesNotContain("very-secret-token", html, StringComparison.Ordinal);
        Assert.Contains("token=***", html, StringComparison.Ordinal);
        var webhooks = await account.ControlListAsync("webhooks");
        Assert.Contains("very-secret-token", webhooks[0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_creates_keys_with_chosen_methods()
    {
        var account = await MaileonAccountFixture.CreateAsync(factory);
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await browser.PostAsync("/maileon/actions/keys", new FormUrlEncodedContent([
            new("accountId", account.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("methods", "GET"), new("methods", "PUT")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var accounts = (await factory.CreateClient().GetFromJsonAsync<JsonArray>("/_sandbox/maileon/accounts"))!;
        var keys = accounts.Single(a => a!["id"]!.GetValue<long>() == account.AccountId)!["keys"]!.AsArray();
        Assert.Equal(["GET", "PUT"], keys[1]!["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }
}
