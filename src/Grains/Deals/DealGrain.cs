using System.Globalization;
using Microsoft.Extensions.Logging;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// One deal of one tenant (key: deal id + company id). <see cref="Accept"/> de-duplicates and orders the deal's
/// webhooks (<see cref="DealEventOrdering"/>) and stores each real change as an outbox entry in the same write; the
/// outbox pump sends the entries to Maileon one at a time, in order (<see cref="DealEventSender"/>), retrying
/// transient failures and parking permanent ones where the settings page shows them.
/// </summary>
[GrainType(GrainTypes.Deal)]
public sealed partial class DealGrain(
    [PersistentState("deal", ClusterIdentity.StorageProvider)] IPersistentState<DealState> state,
    OutboxGrainServices outboxServices,
    IDealGatewayFactory gateways,
    ILogger<DealGrain> logger)
    : OutboxGrain<DealState, DealWork>(state, outboxServices, logger), IDealGrain
{
    private const string Area = "deals";

    /// <summary>How long an accepted event waits before it is sent, so slightly late deliveries can be put in order.</summary>
    private static readonly TimeSpan ReorderHold = TimeSpan.FromSeconds(1);

    private readonly Dictionary<long, DealSendResult> results = [];
    private IDealGateway? gateway;
    private DealEventSender? sender;

    private long DealId => this.GetPrimaryKeyLong(out _);

    protected override long CompanyId
    {
        get
        {
            this.GetPrimaryKeyLong(out var extension);
            return long.Parse(extension ?? throw new InvalidOperationException("A deal grain's key needs the company id as extension."), NumberStyles.None, CultureInfo.InvariantCulture);
        }
    }

    protected override long? LedgerPersonId => null;

    private IDealGateway Gateway => gateway ??= gateways.Create(CompanyId);

    private IDealTransactionTypesGrain Types => GrainFactory.GetGrain<IDealTransactionTypesGrain>(CompanyId);

    private static readonly string[] KindLabels = ["added", "updated", "deleted", "merged"];
    private static readonly string[] OutcomeLabels = ["accepted", "duplicate", "ignored", "bad_request", "unauthorized", "gone", "unavailable"];

    public async Task<IngressOutcome> Accept(DealEvent dealEvent)
    {
        ArgumentNullException.ThrowIfNull(dealEvent);
        var action = (int)dealEvent.Meta.Action;
        var kind = action < KindLabels.Length ? KindLabels[action] : "other";
        try
        {
            var outcome = await AcceptCoreAsync(dealEvent);
            var status = (int)outcome.Status;
            Metrics.DealEvent(kind, status < OutcomeLabels.Length ? OutcomeLabels[status] : "other");
            return outcome;
        }
        catch
        {
            Metrics.DealEvent(kind, "failed");
            throw;
        }
    }

    private async Task<IngressOutcome> AcceptCoreAsync(DealEvent dealEvent)
    {
        var meta = dealEvent.Meta;
        if (meta.Entity != PipedriveEntity.Deal || meta.CompanyId != CompanyId || meta.EntityId != DealId)
        {
            return IngressOutcome.Bad($"The event is for {meta.Entity} {meta.EntityId} of company {meta.CompanyId}, not this deal.");
        }

        var snapshot = meta.Action == PipedriveAction.Delete ? dealEvent.Previous ?? dealEvent.Current : dealEvent.Current ?? dealEvent.Previous;
        if (snapshot is null)
        {
            return IngressOutcome.Bad("The deal event carries no deal data.");
        }

        if (string.IsNullOrEmpty(meta.EventId))
        {
            return IngressOutcome.Bad("The deal event has no id.");
        }

        var first = DealEventOrdering.Decide(State.Ordering, meta.EventId, meta.Action, meta.Timestamp);
        if (first.IsDuplicate)
        {
            return IngressOutcome.Duplicate;
        }

        if (!first.IsAccepted)
        {
            return IngressOutcome.Ignored($"Deal {DealId}: {first.Reason}.");
        }

        var tenant = await Gateway.GetTenantAsync();
        if (!tenant.Configured)
        {
            return IngressOutcome.Ignored($"Deal events are not recorded: {tenant.Problem}.");
        }

        if (!tenant.DealEventsEnabled)
        {
            return IngressOutcome.Ignored("Deal events are turned off for this company.");
        }

        DealEventDecision decision = first;
        var facts = DealFacts.From(snapshot);
        var changed = await UpdateAsync(() =>
        {
            // Decided again under the gate: this must be a function of the stored state (it is re-run after a conflict).
            decision = DealEventOrdering.Decide(State.Ordering, meta.EventId, meta.Action, meta.Timestamp);
            if (decision.Kind is not { } kind)
            {
                return false;
            }

            DealEventOrdering.Apply(State.Ordering, meta.EventId, kind, meta.Timestamp);
            State.LastEvent = $"{DealTransactionTypes.NameOf(kind)} (Pipedrive event {meta.EventId})";
            State.LastEventAt = meta.Timestamp;
            if (facts.PersonId is null)
            {
                State.LastResult = "Not sent: the deal has no person.";
                State.LastResultAt = Now;
                Note(ActivityLevel.Warning, Area, $"Deal {DealId} {Verb(kind)}: not sent to Maileon, the deal has no person.", dealId: DealId);
            }
            else
            {
                EnqueueInOrder(new DealWork { Kind = kind, EventId = meta.EventId, OccurredAt = meta.Timestamp, Deal = facts });
            }

            return true;
        }, meta.EventId);

        if (!changed)
        {
            return decision.IsDuplicate ? IngressOutcome.Duplicate : IngressOutcome.Ignored($"Deal {DealId}: {decision.Reason}.");
        }

        return facts.PersonId is null ? IngressOutcome.Ignored("The deal has no person; nothing is sent to Maileon.") : IngressOutcome.Accepted;
    }

    /// <summary>
    /// Queues the event among the ones not yet sent, by the time it happened at Pipedrive, and holds it for
    /// <see cref="ReorderHold"/> so an event delivered a little late still goes out before the ones after it.
    /// </summary>
    private void EnqueueInOrder(DealWork work)
    {
        var entry = State.Outbox.Enqueue(work, Now);
        entry.DueAt = Now + ReorderHold;
        var entries = State.Outbox.Entries;
        entries.Remove(entry);
        var index = entries.Count;
        while (index > 0)
        {
            var before = entries[index - 1];
            var started = before.Attempts > 0 || before.StartedAt is not null || before.ParkedAt is not null || IsInFlight(before.Id);
            if (started || before.Work.OccurredAt <= work.OccurredAt)
            {
                break;
            }

            index--;
        }

        entries.Insert(index, entry);
    }

    public Task<DealSyncView> GetView()
    {
        var parked = State.Outbox.Parked.ToList();
        return Task.FromResult(new DealSyncView
        {
            DealId = DealId,
            LastEvent = State.LastEvent,
            LastEventAt = State.LastEventAt,
            LastResult = State.LastResult,
            LastResultAt = State.LastResultAt,
            Pending = State.Outbox.Entries.Count(e => e.ParkedAt is null),
            Parked = parked.Count,
            ParkedErrors = parked.Select(e => e.LastError ?? "unknown error").ToList(),
            Deleted = State.Ordering.DeletedAt is not null,
            Sent = State.Sent,
        });
    }

    public async Task<int> RetryParked()
    {
        var parked = State.Outbox.Parked.Count();
        if (parked == 0)
        {
            return 0;
        }

        // The admin may have fixed the event types in Maileon: look again instead of trusting what is remembered.
        await Types.Forget();
        await RetryParkedAsync();
        return parked;
    }

    protected override string WorkKindOf(DealWork work) => work.Kind.ToString();

    protected override async Task<EffectOutcome> ExecuteAsync(OutboxEntry<DealWork> entry, CancellationToken cancellationToken)
    {
        sender ??= new DealEventSender(Gateway, () => Types.Ensure(), () => Types.Forget(), CompanyId, TimeProvider, SendBatchedAsync);
        sender.KnownSmartBccEmail = State.SmartBccEmail;
        var result = await sender.SendAsync(entry.Work, entry.Attempts, cancellationToken);
        results[entry.Id] = result;
        return result.Outcome;
    }

    protected override void OnOutcomeRecorded(OutboxEntry<DealWork> entry, EffectOutcome outcome, OutboxDisposition disposition)
    {
        results.Remove(entry.Id, out var result);
        if (result?.LearnedSmartBccEmail is { } bcc)
        {
            State.SmartBccEmail = bcc;
        }

        if (disposition == OutboxDisposition.WillRetry)
        {
            return;
        }

        var personId = result?.PersonId ?? entry.Work.Deal.PersonId;
        State.LastResultAt = Now;
        if (disposition == OutboxDisposition.Parked)
        {
            State.LastResult = $"Parked: {outcome.Summary}";
            Note(ActivityLevel.Error, Area, $"{outcome.Summary} The event is parked after {entry.Attempts} attempt(s); retry it from the settings page once the cause is fixed.", personId, DealId);
            LogParked(CompanyId, DealId, entry.Id);
            return;
        }

        State.LastResult = outcome.Summary;
        if (result?.Sent == true)
        {
            State.Sent++;
        }

        Note(result?.Level ?? ActivityLevel.Info, Area, outcome.Summary, personId, DealId);
    }

    /// <summary>Through the tenant's batching grain on this silo, so many deals' events share one Maileon request.</summary>
    private async Task<ApiClients.Maileon.MaileonTransactionReport> SendBatchedAsync(ApiClients.Maileon.MaileonTransaction transaction, CancellationToken cancellationToken)
    {
        var report = await GrainFactory.GetGrain<IDealEventBatchGrain>(CompanyId).Send(DealEventBatchGrain.ToItem(transaction));
        return DealEventBatchGrain.ToReport(report, transaction);
    }

    private static string Verb(DealWorkKind kind) => kind switch
    {
        DealWorkKind.Added => "created",
        DealWorkKind.Updated => "updated",
        _ => "deleted",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {CompanyId} deal {DealId}: outbox entry {EntryId} parked")]
    private partial void LogParked(long companyId, long dealId, long entryId);
}
