using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Deals;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.UnitTests.Deals;

public sealed class DealSendRulesTests
{
    private static readonly DealWork Work = new()
    {
        Kind = DealWorkKind.Updated,
        EventId = "ev-1",
        OccurredAt = new DateTimeOffset(2026, 5, 1, 9, 59, 58, TimeSpan.Zero),
        Deal = new DealFacts { Id = 42, Title = "Sample Org deal", PersonId = 8 },
    };

    private static readonly TenantConnection Ready = new()
    {
        CompanyId = 8087566,
        Status = TenantStatus.Active,
        ConfigVersion = 1,
        PipedriveApiBase = new Uri("https://acme.pipedrive.example"),
        PipedriveAccessToken = new ProtectedSecret("token"),
        MaileonApiKey = new ProtectedSecret("key"),
        DealEventsEnabled = true,
    };

    [Fact]
    public void A_ready_tenant_with_deal_events_on_may_send()
    {
        Assert.Null(DealSendRules.BeforeSending(Ready, Work));
    }

    [Fact]
    public void Turned_off_events_and_deals_without_person_are_not_sent_and_say_why()
    {
        var off = Assert.IsType<EffectOutcome.Succeeded>(DealSendRules.BeforeSending(Ready with { DealEventsEnabled = false }, Work));
        Assert.Equal("Deal 42 updated: not sent to Maileon, deal events are turned off in the settings.", off.Summary);
        Assert.Equal(ActivityLevel.Info, Assert.IsType<DealEventResult.NotSent>(off.Result).Level);

        var orphan = new DealWork { Kind = DealWorkKind.Added, EventId = "e", Deal = new DealFacts { Id = 7 } };
        var noPerson = Assert.IsType<EffectOutcome.Succeeded>(DealSendRules.BeforeSending(Ready, orphan));
        Assert.Equal("Deal 7 created: not sent to Maileon, the deal has no person.", noPerson.Summary);
        Assert.Equal(ActivityLevel.Warning, Assert.IsType<DealEventResult.NotSent>(noPerson.Result).Level);
    }

    [Fact]
    public void An_uninstalled_tenants_events_are_dropped_but_missing_credentials_keep_them_waiting()
    {
        Assert.Contains("not active for this company (Uninstalled)", DealSendRules.BeforeSending(Ready with { Status = TenantStatus.Uninstalled }, Work)!.Summary, StringComparison.Ordinal);
        Assert.IsType<EffectOutcome.WaitingForCredentials>(DealSendRules.BeforeSending(Ready with { MaileonApiKey = null }, Work));
        Assert.IsType<EffectOutcome.WaitingForCredentials>(DealSendRules.BeforeSending(Ready with { Status = TenantStatus.NeedsReauthorization }, Work));
    }

    [Fact]
    public void A_type_mismatch_parks_the_event_and_an_unavailable_type_is_retried_or_waits_for_the_key()
    {
        var mismatch = new DealTransactionTypesResult { Status = DealTransactionTypesStatus.Mismatch, Message = "Maileon already has a contact event type ..." };
        Assert.Equal("Deal 42 updated: not sent. Maileon already has a contact event type ...", Assert.IsType<EffectOutcome.Permanent>(DealSendRules.FromTypes(mismatch, Work)).Summary);

        var unavailable = new DealTransactionTypesResult { Status = DealTransactionTypesStatus.Unavailable, Message = "down", Retryable = true, RetryAfter = TimeSpan.FromSeconds(7) };
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<EffectOutcome.Transient>(DealSendRules.FromTypes(unavailable, Work)).NotBefore);
        Assert.IsType<EffectOutcome.WaitingForCredentials>(DealSendRules.FromTypes(unavailable with { CredentialsRefused = true }, Work));
        Assert.IsType<EffectOutcome.Permanent>(DealSendRules.FromTypes(unavailable with { Retryable = false }, Work));

        var ready = new DealTransactionTypesResult
        {
            Status = DealTransactionTypesStatus.Ready,
            Types = DealTransactionTypes.Names.Select((n, i) => new DealTransactionTypeRef(n, 60 + i, true)).ToList(),
        };
        Assert.Null(DealSendRules.FromTypes(ready, Work));
        Assert.IsType<EffectOutcome.Transient>(DealSendRules.FromTypes(ready with { Types = [] }, Work));
    }

    [Fact]
    public void A_queued_report_is_a_sent_event_that_keeps_the_learned_smart_bcc()
    {
        var outcome = Assert.IsType<EffectOutcome.Succeeded>(DealSendRules.Interpret(Report(true, null), Work, 8, "bcc@pipedrivemail.com"));

        Assert.Equal("Deal 42 updated: sent to Maileon as pipedrive_deal_updated for person 8.", outcome.Summary);
        Assert.Equal("bcc@pipedrivemail.com", Assert.IsType<DealEventResult.Sent>(outcome.Result).LearnedSmartBccEmail);
    }

    [Theory]
    [InlineData(ApiFailureKind.Transient, typeof(EffectOutcome.Transient))]
    [InlineData(ApiFailureKind.RateLimited, typeof(EffectOutcome.Transient))]
    [InlineData(ApiFailureKind.Unauthorized, typeof(EffectOutcome.WaitingForCredentials))]
    [InlineData(ApiFailureKind.Forbidden, typeof(EffectOutcome.WaitingForCredentials))]
    [InlineData(ApiFailureKind.Rejected, typeof(EffectOutcome.Permanent))]
    public void Events_a_batch_could_not_deliver_are_retried_wait_or_are_parked_by_the_failure_kind(ApiFailureKind kind, Type expected)
    {
        Assert.IsType(expected, DealSendRules.Interpret(Report(false, "batch failed", kind), Work, 8, null));
    }

    [Fact]
    public void Maileon_refusals_are_parked_except_a_vanished_contact_or_type()
    {
        Assert.IsType<EffectOutcome.Permanent>(DealSendRules.Interpret(Report(false, "Attribute title is too long"), Work, 8, null));

        var typeGone = Report(false, "Transaction type pipedrive_deal_updated not found.");
        Assert.True(DealSendRules.TypeGone(typeGone));
        Assert.IsType<EffectOutcome.Transient>(DealSendRules.Interpret(typeGone, Work, 8, null));

        var contactGone = Report(false, "contact not found");
        Assert.True(DealSendRules.ContactGone(contactGone));
        Assert.False(DealSendRules.TypeGone(contactGone));
        var skipped = Assert.IsType<EffectOutcome.Succeeded>(DealSendRules.Interpret(contactGone, Work, 8, null));
        Assert.Contains("person 8 is no longer a Maileon contact", skipped.Summary, StringComparison.Ordinal);
    }

    private static MaileonTransactionReport Report(bool queued, string? message, ApiFailureKind? notSent = null) =>
        new(queued, message, "pd-1-deal-42-ev-1", 15975220, null, null, notSent);
}
