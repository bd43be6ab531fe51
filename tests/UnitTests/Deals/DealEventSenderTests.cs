using Microsoft.Extensions.Time.Testing;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.UnitTests.Deals;

public sealed class DealEventSenderTests
{
    private const long Company = 8087566;
    private readonly FakeDealGateway gateway = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero));
    private DealTransactionTypesResult types = Ready(supportsTransactionId: true);
    private int forgets;

    public DealEventSenderTests()
    {
        gateway.AddPerson(8, "Sample Person", "sample@example.com");
        gateway.AddContact("sample@example.com", 15975220);
        gateway.Users[12415231] = "Owner Olga";
        gateway.Organizations[1] = "Sample Org";
        gateway.SmartBcc[42] = "acme+deal42@pipedrivemail.com";
    }

    private DealEventSender Sender() => new(gateway, () => Task.FromResult(types), () => { forgets++; return Task.CompletedTask; }, Company, time);

    private static DealWork Work(DealWorkKind kind = DealWorkKind.Updated, long? personId = 8, string eventId = "ev-1") => new()
    {
        Kind = kind,
        EventId = eventId,
        OccurredAt = new DateTimeOffset(2026, 5, 1, 9, 59, 58, TimeSpan.Zero),
        Deal = new DealFacts { Id = 42, Title = "Sample Org deal", Value = 100, Currency = "EUR", Status = "open", PersonId = personId, OrgId = 1, OwnerId = 12415231 },
    };

    [Fact]
    public async Task An_event_for_a_maileon_contact_is_sent_with_looked_up_names_and_a_deterministic_transaction_id()
    {
        var result = await Sender().SendAsync(Work(), 0, CancellationToken.None);

        Assert.IsType<EffectOutcome.Succeeded>(result.Outcome);
        Assert.True(result.Sent);
        Assert.Equal("acme+deal42@pipedrivemail.com", result.LearnedSmartBccEmail);
        var sent = Assert.Single(gateway.Sent);
        Assert.Equal("pipedrive_deal_updated", sent.TypeName);
        Assert.Equal(15975220, sent.Contact.ContactId);
        Assert.Equal($"pd-{Company}-deal-42-ev-1", sent.TransactionId);
        Assert.Equal(
            """{"deal_id":42,"title":"Sample Org deal","value":100,"currency":"EUR","status":"open","person_name":"Sample Person","org_name":"Sample Org","owner_name":"Owner Olga","cc_email":"acme\u002Bdeal42@pipedrivemail.com","timestamp":"2026-05-01 09:59:58"}""",
            sent.Content.ToJsonString());
        Assert.DoesNotContain(gateway.Calls, c => c.StartsWith("GetTransaction", StringComparison.Ordinal)); // first attempt: nothing to check
    }

    [Fact]
    public async Task Lookups_are_made_once_per_activation_and_a_known_smart_bcc_is_not_fetched_again()
    {
        var sender = Sender();
        sender.KnownSmartBccEmail = "known@pipedrivemail.com";
        await sender.SendAsync(Work(eventId: "a"), 0, CancellationToken.None);
        await sender.SendAsync(Work(eventId: "b"), 0, CancellationToken.None);

        Assert.Single(gateway.Calls, c => c == "GetPerson 8");
        Assert.Single(gateway.Calls, c => c == "GetContact sample@example.com");
        Assert.DoesNotContain(gateway.Calls, c => c.StartsWith("GetDeal", StringComparison.Ordinal));
        Assert.All(gateway.Sent, t => Assert.Equal("known@pipedrivemail.com", (string?)t.Content["cc_email"]));
    }

    [Fact]
    public async Task A_delete_uses_its_previous_state_and_reads_nothing_about_the_gone_deal()
    {
        var result = await Sender().SendAsync(Work(DealWorkKind.Deleted), 0, CancellationToken.None);

        Assert.True(result.Sent);
        Assert.Equal("pipedrive_deal_deleted", Assert.Single(gateway.Sent).TypeName);
        Assert.DoesNotContain(gateway.Calls, c => c.StartsWith("GetDeal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_person_without_a_maileon_contact_is_skipped_and_never_created()
    {
        gateway.Contacts.Clear();
        var result = await Sender().SendAsync(Work(), 0, CancellationToken.None);

        Assert.IsType<EffectOutcome.Succeeded>(result.Outcome);
        Assert.False(result.Sent);
        Assert.Equal(ActivityLevel.Warning, result.Level);
        Assert.Contains("is not a Maileon contact", result.Outcome.Summary, StringComparison.Ordinal);
        Assert.Empty(gateway.Sent);
    }

    [Theory]
    [InlineData(null, "has no person")]
    [InlineData(99L, "no longer exists in Pipedrive")]
    public async Task Missing_persons_are_skipped_with_a_reason(long? personId, string reason)
    {
        var result = await Sender().SendAsync(Work(personId: personId), 0, CancellationToken.None);
        Assert.False(result.Sent);
        Assert.Contains(reason, result.Outcome.Summary, StringComparison.Ordinal);
        Assert.Empty(gateway.Sent);
    }

    [Fact]
    public async Task Turned_off_or_unconfigured_tenants_send_nothing()
    {
        gateway.Tenant = new DealTenantStatus(true, false, null);
        Assert.Contains("turned off", (await Sender().SendAsync(Work(), 0, CancellationToken.None)).Outcome.Summary, StringComparison.Ordinal);
        gateway.Tenant = new DealTenantStatus(false, true, "no Maileon API key is saved");
        Assert.Contains("no Maileon API key", (await Sender().SendAsync(Work(), 0, CancellationToken.None)).Outcome.Summary, StringComparison.Ordinal);
        Assert.Empty(gateway.Sent);
    }

    [Fact]
    public async Task A_type_mismatch_parks_the_event_with_the_message_at_error_level()
    {
        types = new DealTransactionTypesResult { Status = DealTransactionTypesStatus.Mismatch, Message = "Maileon already has a contact event type ..." };
        var result = await Sender().SendAsync(Work(), 0, CancellationToken.None);

        Assert.IsType<EffectOutcome.Permanent>(result.Outcome);
        Assert.Equal(ActivityLevel.Error, result.Level);
        Assert.Contains("Maileon already has", result.Outcome.Summary, StringComparison.Ordinal);
        Assert.Empty(gateway.Sent);
    }

    [Fact]
    public async Task A_retry_does_not_send_again_when_the_earlier_attempt_arrived()
    {
        gateway.StoredTransactionIds.Add($"pd-{Company}-deal-42-ev-1");
        var result = await Sender().SendAsync(Work(), previousAttempts: 1, CancellationToken.None);

        Assert.True(result.Sent);
        Assert.Empty(gateway.Sent);
    }

    [Fact]
    public async Task Without_transaction_id_support_the_event_is_sent_without_one()
    {
        types = Ready(supportsTransactionId: false);
        await Sender().SendAsync(Work(), previousAttempts: 1, CancellationToken.None);
        Assert.Null(Assert.Single(gateway.Sent).TransactionId);
    }

    [Fact]
    public async Task Maileon_faults_are_retried_and_refusals_parked()
    {
        gateway.FailSendWith = new MaileonApiException("SendTransactions", ApiFailureKind.Transient, 503, "down", TimeSpan.FromSeconds(7));
        var transient = await Sender().SendAsync(Work(), 0, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<EffectOutcome.Transient>(transient.Outcome).NotBefore);

        gateway.FailSendWith = null;
        gateway.Report = t => new MaileonTransactionReport(false, "Attribute title is too long", t.TransactionId, null, null, null);
        Assert.IsType<EffectOutcome.Permanent>((await Sender().SendAsync(Work(), 0, CancellationToken.None)).Outcome);

        gateway.Report = t => new MaileonTransactionReport(false, "Transaction type pipedrive_deal_updated not found.", t.TransactionId, null, null, null);
        Assert.IsType<EffectOutcome.Transient>((await Sender().SendAsync(Work(), 0, CancellationToken.None)).Outcome);
        Assert.Equal(1, forgets);
    }

    [Theory]
    [InlineData(ApiFailureKind.Transient, true)]
    [InlineData(ApiFailureKind.Unauthorized, true)]
    [InlineData(ApiFailureKind.Rejected, false)]
    public async Task Events_a_batch_could_not_deliver_are_retried_or_parked_by_the_failure_kind(ApiFailureKind kind, bool retried)
    {
        var sender = new DealEventSender(gateway, () => Task.FromResult(types), () => Task.CompletedTask, Company, time,
            (t, _) => Task.FromResult(new MaileonTransactionReport(false, "batch failed", t.TransactionId, null, null, null, kind)));
        var result = await sender.SendAsync(Work(), 0, CancellationToken.None);

        Assert.Equal(retried, result.Outcome is EffectOutcome.Transient);
        Assert.False(result.Sent);
        Assert.Empty(gateway.Sent); // went through the batch delegate, not the gateway
    }

    [Fact]
    public async Task A_name_lookup_that_is_refused_leaves_the_name_out()
    {
        var failing = new RefusingNamesGateway(gateway);
        var sender = new DealEventSender(failing, () => Task.FromResult(types), () => Task.CompletedTask, Company, time);
        var result = await sender.SendAsync(Work(), 0, CancellationToken.None);

        Assert.True(result.Sent);
        Assert.False(Assert.Single(gateway.Sent).Content.ContainsKey("owner_name"));
    }

    private static DealTransactionTypesResult Ready(bool supportsTransactionId) => new()
    {
        Status = DealTransactionTypesStatus.Ready,
        Types = DealTransactionTypes.Names.Select((n, i) => new DealTransactionTypeRef(n, 60 + i, supportsTransactionId)).ToList(),
    };

    private sealed class RefusingNamesGateway(FakeDealGateway inner) : IDealGateway
    {
        public Task<DealTenantStatus> GetTenantAsync() => inner.GetTenantAsync();
        public Task<MaileonTransactionType?> GetTransactionTypeAsync(string name, CancellationToken cancellationToken) => inner.GetTransactionTypeAsync(name, cancellationToken);
        public Task<long?> CreateTransactionTypeAsync(MaileonTransactionTypeDefinition definition, CancellationToken cancellationToken) => inner.CreateTransactionTypeAsync(definition, cancellationToken);
        public Task<PipedrivePerson?> GetPersonAsync(long personId, CancellationToken cancellationToken) => inner.GetPersonAsync(personId, cancellationToken);
        public Task<PipedriveDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken) => inner.GetDealAsync(dealId, cancellationToken);
        public Task<string?> GetUserNameAsync(long userId, CancellationToken cancellationToken) =>
            throw new MaileonApiException("GetUser", ApiFailureKind.Forbidden, 403, "scope", null);
        public Task<string?> GetOrganizationNameAsync(long organizationId, CancellationToken cancellationToken) => inner.GetOrganizationNameAsync(organizationId, cancellationToken);
        public Task<MaileonContact?> GetContactAsync(string email, CancellationToken cancellationToken) => inner.GetContactAsync(email, cancellationToken);
        public Task<bool> TransactionExistsAsync(long typeId, string transactionId, CancellationToken cancellationToken) => inner.TransactionExistsAsync(typeId, transactionId, cancellationToken);
        public Task<IReadOnlyList<MaileonTransactionReport>> SendTransactionsAsync(IReadOnlyList<MaileonTransaction> transactions, CancellationToken cancellationToken) => inner.SendTransactionsAsync(transactions, cancellationToken);
    }
}
