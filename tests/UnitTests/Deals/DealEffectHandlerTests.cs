using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.UnitTests.ApiClients;

namespace PipedriveMaileon.UnitTests.Deals;

/// <summary>The deal handler on the real API clients, against a recording stub that answers like Pipedrive and Maileon.</summary>
public sealed class DealEffectHandlerTests : IDisposable
{
    private const long Company = 8087566;
    private static readonly OutboxKey Key = new(Company, 42);

    private readonly ApiClientHarness api = new();
    private readonly SecretProtector secrets = new(new EphemeralDataProtectionProvider());
    private readonly FakeGrains grains;
    private readonly DealPersonLookup persons;
    private readonly DealEffectHandler handler;
    private readonly HashSet<string> storedTransactionIds = [];
    private bool refuseUsers;
    private bool contactExists = true;
    private bool personExists = true;
    private string? refusedMaileonKey;

    public DealEffectHandlerTests()
    {
        grains = FakeGrains.Create(new TenantConnection
        {
            CompanyId = Company,
            Status = TenantStatus.Active,
            ConfigVersion = 1,
            PipedriveApiBase = new Uri(ApiClientHarness.OAuthBase + "/companies/1/"),
            PipedriveAccessToken = secrets.Protect("access-token"),
            AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            MaileonApiKey = secrets.Protect("maileon-key"),
            DealEventsEnabled = true,
            NewsletterField = new NewsletterFieldConfig("k", 1, new Dictionary<NewsletterOption, long>()),
        });
        var tenants = new TenantConnections(grains.Factory, secrets, TimeProvider.System);
        persons = new DealPersonLookup(tenants, api.Pipedrive, grains.Factory);
        handler = new DealEffectHandler(tenants, api.MaileonContacts, api.MaileonTransactions, api.Pipedrive, new PipedriveLookupCache(api.Pipedrive), persons,
            new DealEventBatcher(api.MaileonTransactions, NullLogger<DealEventBatcher>.Instance), grains.Factory);
        api.Handler.Respond(Answer);
    }

    [Fact]
    public async Task An_event_for_a_maileon_contact_is_sent_with_looked_up_names_and_a_deterministic_transaction_id()
    {
        var outcome = await SendAsync(Work());

        var sent = Assert.IsType<DealEventResult.Sent>(Assert.IsType<EffectOutcome.Succeeded>(outcome).Result);
        Assert.Equal("acme+deal42@pipedrivemail.com", sent.LearnedSmartBccEmail);
        var transaction = Assert.Single(Sent());
        Assert.Equal("pipedrive_deal_updated", (string?)transaction["typeName"]);
        Assert.Equal(15975220, (long)transaction["contact"]!["id"]!);
        Assert.Equal(
            """{"deal_id":42,"title":"Sample Org deal","value":100,"currency":"EUR","status":"open","person_name":"Sample Person","org_name":"Sample Org","owner_name":"Owner Olga","cc_email":"acme\u002Bdeal42@pipedrivemail.com","timestamp":"2026-05-01 09:59:58","transaction_id":"pd-8087566-deal-42-ev-1"}""",
            transaction["content"]!.ToJsonString());
        Assert.DoesNotContain(api.Handler.Requests, r => r.Path.Contains("/transaction_id/", StringComparison.Ordinal)); // first attempt: nothing to check
    }

    [Fact]
    public async Task Person_and_contact_are_looked_up_once_for_several_events_and_a_known_smart_bcc_is_not_read_again()
    {
        await SendAsync(Work(eventId: "a"), knownBcc: "known@pipedrivemail.com");
        await SendAsync(Work(eventId: "b"), knownBcc: "known@pipedrivemail.com");

        Assert.Single(api.Handler.Requests, r => r.Path.EndsWith("/persons/8", StringComparison.Ordinal));
        Assert.Single(api.Handler.Requests, r => r.Path.Contains("/contacts/email/", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Handler.Requests, r => r.Path.Contains("/deals/", StringComparison.Ordinal));
        Assert.All(Sent(), t => Assert.Equal("known@pipedrivemail.com", (string?)t["content"]!["cc_email"]));
    }

    [Fact]
    public async Task A_person_the_app_has_seen_is_not_read_from_pipedrive()
    {
        grains.Person = new KnownPersonFacts(true, "Seen Person", "sample@example.com");

        await SendAsync(Work(eventId: "a"), knownBcc: "known@pipedrivemail.com");
        await SendAsync(Work(eventId: "b"), knownBcc: "known@pipedrivemail.com");

        Assert.DoesNotContain(api.Handler.Requests, r => r.Path.Contains("/persons/", StringComparison.Ordinal));
        Assert.All(Sent(), t => Assert.Equal("Seen Person", (string?)t["content"]!["person_name"]));
        Assert.Equal(2, Sent().Count);
    }

    [Fact]
    public async Task A_seen_person_without_an_address_is_not_sent_and_not_read_again()
    {
        grains.Person = new KnownPersonFacts(true, "Seen Person", null);

        var outcome = await SendAsync(Work());

        Assert.Contains("has no email address", outcome.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Handler.Requests, r => r.Path.Contains("/persons/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_person_gone_from_pipedrive_is_remembered_for_a_while()
    {
        personExists = false;

        var first = await SendAsync(Work(eventId: "a"));
        await SendAsync(Work(eventId: "b"));

        Assert.Contains("no longer exists in Pipedrive", first.Summary, StringComparison.Ordinal);
        Assert.Single(api.Handler.Requests, r => r.Path.EndsWith("/persons/8", StringComparison.Ordinal));
        Assert.Empty(Sent());
    }

    [Fact]
    public async Task A_delete_reads_nothing_about_the_gone_deal()
    {
        await SendAsync(Work(DealWorkKind.Deleted));

        Assert.Equal("pipedrive_deal_deleted", (string?)Assert.Single(Sent())["typeName"]);
        Assert.DoesNotContain(api.Handler.Requests, r => r.Path.Contains("/deals/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_does_not_send_again_when_the_earlier_attempt_arrived()
    {
        storedTransactionIds.Add($"pd-{Company}-deal-42-ev-1");

        var outcome = await SendAsync(Work(), previousAttempts: 1);

        Assert.Contains("an earlier attempt had arrived", outcome.Summary, StringComparison.Ordinal);
        Assert.Empty(Sent());
    }

    [Fact]
    public async Task A_person_without_a_maileon_contact_is_not_sent_and_never_created()
    {
        contactExists = false;

        var outcome = await SendAsync(Work());

        Assert.IsType<DealEventResult.NotSent>(Assert.IsType<EffectOutcome.Succeeded>(outcome).Result);
        Assert.Contains("is not a Maileon contact", outcome.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Handler.Requests, r => r.Method == HttpMethod.Post);
    }

    [Fact]
    public async Task A_name_lookup_that_is_refused_leaves_the_name_out()
    {
        refuseUsers = true;

        Assert.IsType<EffectOutcome.Succeeded>(await SendAsync(Work()));

        Assert.False(Assert.Single(Sent())["content"]!.AsObject().ContainsKey("owner_name"));
    }

    [Fact]
    public async Task Events_of_many_deals_sent_at_once_share_maileon_requests()
    {
        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => SendAsync(Work(eventId: $"c{i}"))));

        Assert.Equal(12, Sent().Count);
        Assert.True(api.Handler.Requests.Count(r => r.Method == HttpMethod.Post && r.Path.EndsWith("/transactions", StringComparison.Ordinal)) < 12);
    }

    [Fact]
    public async Task An_event_refused_with_a_key_the_admin_replaced_meanwhile_goes_out_once_more_with_the_current_key()
    {
        await SendAsync(Work(eventId: "a")); // this silo now keeps a copy of the connection with the first key
        grains.Connection = grains.Connection with { MaileonApiKey = secrets.Protect("new-maileon-key"), ConfigVersion = 2 };
        refusedMaileonKey = "maileon-key";

        var outcome = await SendAsync(Work(eventId: "b"));

        Assert.IsType<DealEventResult.Sent>(Assert.IsType<EffectOutcome.Succeeded>(outcome).Result);
        Assert.Equal(
            [Basic("maileon-key"), Basic("maileon-key"), Basic("new-maileon-key")],
            api.Handler.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_refusal_of_the_current_key_waits_for_the_admin_without_a_repeat()
    {
        refusedMaileonKey = "maileon-key";

        var outcome = await SendAsync(Work());

        Assert.IsType<EffectOutcome.WaitingForCredentials>(outcome);
        Assert.Single(api.Handler.Requests, r => r.Path.Contains("/contacts/email/", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Handler.Requests, r => r.Method == HttpMethod.Post);
    }

    public void Dispose()
    {
        handler.Dispose();
        persons.Dispose();
        api.Dispose();
    }

    private Task<EffectOutcome> SendAsync(DealWork work, string? knownBcc = null, int previousAttempts = 0) =>
        handler.ExecuteAsync(new EffectRequest<DealEffect>(Key, new DealEffect(work, knownBcc), new EffectAttempt(1, previousAttempts, previousAttempts > 0, null)), CancellationToken.None);

    private List<JsonNode> Sent() => api.Handler.Requests
        .Where(r => r.Method == HttpMethod.Post && r.Path.EndsWith("/transactions", StringComparison.Ordinal))
        .SelectMany(r => JsonNode.Parse(r.BodyText)!.AsArray().Select(t => t!))
        .ToList();

    private static DealWork Work(DealWorkKind kind = DealWorkKind.Updated, string eventId = "ev-1") => new()
    {
        Kind = kind,
        EventId = eventId,
        OccurredAt = new DateTimeOffset(2026, 5, 1, 9, 59, 58, TimeSpan.Zero),
        Deal = new DealFacts { Id = 42, Title = "Sample Org deal", Value = 100, Currency = "EUR", Status = "open", PersonId = 8, OrgId = 1, OwnerId = 12415231 },
    };

    private HttpResponseMessage Answer(RecordedRequest request)
    {
        var path = request.Path;
        var maileon = request.Uri.ToString().StartsWith(ApiClientHarness.MaileonBase, StringComparison.Ordinal);
        return path switch
        {
            _ when maileon && refusedMaileonKey is { } refused && request.Authorization == Basic(refused) => StubHttpHandler.Build(
                HttpStatusCode.Unauthorized, "<error><message>Unauthorized: the API key is invalid.</message></error>", MaileonExamples.XmlType),
            _ when path.EndsWith("/persons/8", StringComparison.Ordinal) && !personExists => Json("""{"success":false,"error":"Entity was not found"}""", HttpStatusCode.NotFound),
            _ when path.EndsWith("/persons/8", StringComparison.Ordinal) => Json("""
                {"success":true,"data":{"id":8,"name":"Sample Person","emails":[{"value":"sample@example.com","primary":true,"label":"work"}],"custom_fields":{}}}
                """),
            _ when path.EndsWith("/deals/42", StringComparison.Ordinal) => Json("""
                {"success":true,"data":{"id":42,"title":"Sample Org deal","smart_bcc_email":"acme+deal42@pipedrivemail.com","custom_fields":{}}}
                """),
            _ when path.EndsWith("/organizations/1", StringComparison.Ordinal) => Json("""{"success":true,"data":{"id":1,"name":"Sample Org","custom_fields":{}}}"""),
            _ when path.EndsWith("/users/12415231", StringComparison.Ordinal) => refuseUsers
                ? Json("""{"success":false,"error":"Scope and URL mismatch"}""", HttpStatusCode.Forbidden)
                : Json("""{"success":true,"data":{"id":12415231,"name":"Owner Olga","email":"olga@example.com"}}"""),
            _ when path.Contains("/contacts/email/", StringComparison.Ordinal) => contactExists
                ? StubHttpHandler.Build(HttpStatusCode.OK, MaileonExamples.Contact.Replace("max.mustermann@xqueue.com", "sample@example.com", StringComparison.Ordinal), MaileonExamples.XmlType)
                : StubHttpHandler.Build(HttpStatusCode.NotFound, "", "text/plain"),
            _ when path.Contains("/transaction_id/", StringComparison.Ordinal) => storedTransactionIds.Any(id => path.EndsWith(id, StringComparison.Ordinal))
                ? Json("{}")
                : StubHttpHandler.Build(HttpStatusCode.NotFound, "", "text/plain"),
            _ when path.EndsWith("/transactions", StringComparison.Ordinal) => Json(Reports(request)),
            _ => StubHttpHandler.Build(HttpStatusCode.NotFound, "", "text/plain"),
        };
    }

    private static string Reports(RecordedRequest request)
    {
        var reports = JsonNode.Parse(request.BodyText)!.AsArray()
            .Select(t => new JsonObject { ["contact"] = new JsonObject { ["id"] = 15975220 }, ["queued"] = true, ["transaction_id"] = (string?)t!["content"]?["transaction_id"] });
        return new JsonObject { ["reports"] = new JsonArray([.. reports]) }.ToJsonString();
    }

    private static string Basic(string apiKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey));

    private static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) => StubHttpHandler.Build(status, body, "application/json");

    /// <summary>
    /// The tenant grain (a fixed connection), the types grain (all three types ready) and the person's grain (what it
    /// has seen: <see cref="Person"/>), as the handler asks them.
    /// </summary>
    public class FakeGrains : DispatchProxy
    {
        private TenantConnection connection = null!;
        private object tenant = null!;
        private object types = null!;
        private FakeGrains contact = null!;

        public IGrainFactory Factory { get; private set; } = null!;

        /// <summary>The tenant grain's connection: setting it is a settings save on another silo.</summary>
        public TenantConnection Connection { get => ((FakeGrains)tenant).connection; set => ((FakeGrains)tenant).connection = value; }

        public KnownPersonFacts Person { get => contact.person; set => contact.person = value; }

        private KnownPersonFacts person = KnownPersonFacts.Unknown;

        public static FakeGrains Create(TenantConnection connection)
        {
            var factory = Create<IGrainFactory, FakeGrains>();
            var owner = (FakeGrains)(object)factory;
            owner.connection = connection;
            owner.Factory = factory;
            owner.tenant = Create<ITenantGrain, FakeGrains>();
            owner.types = Create<IDealTransactionTypesGrain, FakeGrains>();
            owner.contact = (FakeGrains)(object)Create<IContactSyncGrain, FakeGrains>();
            ((FakeGrains)owner.tenant).connection = connection;
            return owner;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IGrainFactory.GetGrain) when targetMethod.GetGenericArguments()[0] == typeof(ITenantGrain) => tenant,
            nameof(IGrainFactory.GetGrain) when targetMethod.GetGenericArguments()[0] == typeof(IDealTransactionTypesGrain) => types,
            nameof(IGrainFactory.GetGrain) when targetMethod.GetGenericArguments()[0] == typeof(IContactSyncGrain) => contact,
            nameof(IContactSyncGrain.GetKnownPerson) => Task.FromResult(person),
            nameof(ITenantGrain.GetConnection) => Task.FromResult(connection),
            nameof(IDealTransactionTypesGrain.Ensure) => Task.FromResult(new DealTransactionTypesResult
            {
                Status = DealTransactionTypesStatus.Ready,
                Types = DealTransactionTypes.Names.Select((n, i) => new DealTransactionTypeRef(n, 60 + i, true)).ToList(),
            }),
            nameof(IDealTransactionTypesGrain.Forget) => Task.CompletedTask,
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }
}
