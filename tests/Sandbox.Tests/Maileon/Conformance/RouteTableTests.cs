using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PipedriveMaileon.Sandbox.Tests.Maileon.Conformance;

/// <summary>
/// The Maileon emulator serves exactly the routes of this table, each with the answer Maileon documents and the
/// source that documents it. A route added without an entry (and so without a look at Maileon's documentation)
/// fails here; the conformance tests beside this file compare the answers of the routes the product and the
/// official client use, byte for byte.
/// </summary>
public sealed class RouteTableTests(MaileonSandboxFactory factory) : IClassFixture<MaileonSandboxFactory>
{
    private const string Xml = "application/vnd.maileon.api+xml";
    private const string Json = "application/json";
    private const string None = "(no body)";

    /// <summary>Method, route under <c>/1.0</c>, success media type, success status, source.</summary>
    public static readonly IReadOnlyList<(string Method, string Route, string MediaType, int Status, string Source)> Routes =
    [
        ("GET", "/ping", None, 200, "docs: Ping (GET test); PHP utils/PingService.php"),
        ("POST", "/ping", None, 200, "docs: Ping (POST test); PHP utils/PingService.php"),
        ("PUT", "/ping", None, 200, "docs: Ping (PUT test); PHP utils/PingService.php"),
        ("DELETE", "/ping", None, 200, "docs: Ping (DELETE test); PHP utils/PingService.php"),
        ("GET", "/account/info", "application/json | application/xml", 200, "docs: Get Account Information; PHP account/AccountService.php"),
        ("POST", "/contacts/email/{email}", Xml, 201, "docs: Create Contact, Create Contact (JSON); PHP createContact"),
        ("POST", "/contacts/{email}", Xml, 201, "legacy path of the Java and .NET clients"),
        ("GET", "/contacts/email/{email}", Xml, 200, "docs: Get Contact By Email; PHP getContactByEmail, contacts/Contact.php"),
        ("GET", "/contacts/{email}", Xml, 200, "legacy path of the Java and .NET clients"),
        ("PUT", "/contacts/email/{email}", None, 201, "docs: Update Contact By Email (201 Created); PHP updateContactByEmail"),
        ("DELETE", "/contacts/email/{email}/unsubscribe", None, 204, "docs: Unsubscribe Contacts By Email; Loewenstark plugin (204)"),
        ("DELETE", "/contacts/email/{email}", None, 204, "PHP deleteContactByEmail"),
        ("GET", "/contacts/emails/{email}", Xml, 200, "PHP getContactsByEmail, contacts/Contacts.php"),
        ("POST", "/contacts/externalid/{externalId}", Xml, 201, "docs: Create Contact By External ID (JSON); PHP createContactByExternalId"),
        ("GET", "/contacts/externalid/{externalId}", Xml, 200, "docs: Get Contacts By External ID; PHP getContactsByExternalId"),
        ("PUT", "/contacts/externalid/{externalId}", None, 201, "PHP updateContactByExternalId"),
        ("DELETE", "/contacts/externalid/{externalId}/unsubscribe", None, 204, "PHP unsubscribeContactByExternalId"),
        ("DELETE", "/contacts/externalid/{externalId}", None, 204, "PHP deleteContactsByExternalId"),
        ("GET", "/contacts/contact", Xml, 200, "docs: Get Contact By Maileon ID; PHP getContact"),
        ("PUT", "/contacts/contact", None, 201, "PHP updateContact (triggerdoi re-sends DOI)"),
        ("DELETE", "/contacts/contact/unsubscribe", None, 204, "PHP unsubscribeContactById"),
        ("DELETE", "/contacts/contact", None, 204, "PHP deleteContact"),
        ("GET", "/contacts", Xml, 200, "PHP getContacts (X-Items/X-Pages)"),
        ("GET", "/contacts/count", Xml, 200, "PHP getContactsCount (<count>)"),
        ("GET", "/contacts/fields/custom", Xml, 200, "docs: Custom Contact Fields; PHP getCustomFields, contacts/CustomFields.php"),
        ("POST", "/contacts/fields/custom/{name}", None, 201, "PHP createCustomField (duplicate: 409, sandbox assumption)"),
        ("PUT", "/contacts/fields/custom/{oldName}/{newName}", None, 200, "PHP renameCustomField"),
        ("DELETE", "/contacts/fields/custom/{name}/values", None, 200, "PHP deleteCustomFieldValues"),
        ("DELETE", "/contacts/fields/custom/{name}", None, 200, "PHP deleteCustomField"),
        ("GET", "/transactions/types", Xml, 200, "PHP getTransactionTypes (X-Items/X-Pages)"),
        ("GET", "/transactions/types/count", Xml, 200, "PHP getTransactionTypesCount"),
        ("GET", "/transactions/types/{idOrName}", Xml, 200, "PHP getTransactionType(ByName), transactions/TransactionType.php"),
        ("POST", "/transactions/types", Xml, 201, "PHP createTransactionType; Java client reads <id>"),
        ("PUT", "/transactions/types/{idOrName}", None, 200, "PHP updateTransactionType"),
        ("DELETE", "/transactions/types/{idOrName}", None, 204, "PHP deleteTransactionType; Ruby client (204)"),
        ("POST", "/transactions", Json, 200, "docs: Create Transactions; PHP createTransactions, ProcessingReport(s)"),
        ("GET", "/transactions", Json, 200, "PHP getRecentTransactions, transactions/RecentTransaction.php"),
        ("DELETE", "/transactions", None, 204, "PHP deleteTransactions"),
        ("GET", "/transactions/{typeId}/transaction_id/{transactionId}", Json, 200, "docs: Get Transaction (the content itself)"),
        ("DELETE", "/transactions/{typeId}/transaction_id/{transactionId}", None, 204, "PHP deleteTransaction"),
        ("POST", "/webhooks", Xml, 201, "docs: Create Webhook (201, <id>1915</id>); PHP createWebhook"),
        ("GET", "/webhooks", Json, 200, "docs: Get Webhooks; PHP getWebhooks, webhooks/Webhook.php"),
        ("GET", "/webhooks/{id:long}", Json, 200, "PHP getWebhook"),
        ("PUT", "/webhooks/{id:long}", None, 200, "docs: Update Webhook"),
        ("DELETE", "/webhooks/{id:long}", None, 204, "PHP deleteWebhook"),
        ("GET", "/reports/unsubscriptions", Xml, 200, "docs: Get Unsubscriptions; PHP getUnsubscribers, reports/Unsubscriber.php"),
        ("GET", "/reports/unsubscriptions/count", Xml, 200, "docs: Get Unsubscriptions (/count); PHP getUnsubscribersCount"),
        ("POST", "/mailings", Xml, 201, "docs: Create Mailing (201, <id>4317</id>); PHP MailingsService::createMailing"),
        ("GET", "/mailings/{id:long}/contents/subject", Xml, 200, "PHP MailingsService::getSubject, xml/XMLDeserializer.php ('subject')"),
        ("GET", "/mailings/{id:long}/state", Xml, 200, "PHP MailingsService::getState, xml/XMLDeserializer.php ('state')"),
        ("GET", "/mailings/filter/states", Xml, 200, "docs: Get Mailings By States; PHP getMailingsByStates, mailings/Mailing.php"),
        ("GET", "/mailings/filter/types", Xml, 200, "docs: Get Mailings By Types; PHP getMailingsByTypes"),
        ("GET", "/reports/opens", Xml, 200, "docs: Get Opens; PHP ReportsService::getOpens, reports/Open.php, reports/ReportContact.php"),
        ("GET", "/reports/opens/count", Xml, 200, "docs: Get Opens (/count); PHP getOpensCount"),
        ("GET", "/reports/clicks", Xml, 200, "docs: Get Clicks; PHP ReportsService::getClicks, reports/Click.php"),
        ("GET", "/reports/clicks/count", Xml, 200, "docs: Get Clicks (/count); PHP getClicksCount"),
        ("GET", "/reports/bounces", Xml, 200, "docs: Get Bounces; PHP ReportsService::getBounces, reports/Bounce.php"),
        ("GET", "/reports/bounces/count", Xml, 200, "docs: Get Bounces (/count); PHP getBouncesCount"),
    ];

    [Fact]
    public void The_emulator_serves_exactly_the_documented_routes()
    {
        _ = factory.CreateClient();
        var served = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/1.0/", StringComparison.Ordinal) && !e.RoutePattern.RawText!.Contains("{**", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText!["/1.0".Length..]}"))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var documented = Routes.Select(r => $"{r.Method} {r.Route}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(documented, served);
    }
}
