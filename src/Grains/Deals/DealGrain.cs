using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// One deal of one tenant (key: deal id + company id). <see cref="Accept"/> de-duplicates and orders the deal's
/// webhooks (<see cref="DealEventOrdering"/>, <see cref="DealDecisions"/>) and stores each real change as an outbox
/// entry in the same write; the outbox sends them to Maileon one at a time, in order (<see cref="DealEffectHandler"/>),
/// retrying transient failures and parking permanent ones where the settings page shows them.
/// </summary>
[GrainType(GrainTypes.Deal)]
public sealed class DealGrain(
    [Outbox(GrainTypes.Deal)] IOutbox<DealState, DealWork> outbox,
    TenantConnections tenants,
    GrainMetrics metrics) : Grain, IDealGrain, IOutboxParticipant
{
    private static readonly string[] KindLabels = ["added", "updated", "deleted", "merged"];
    private static readonly string[] OutcomeLabels = ["accepted", "duplicate", "ignored", "bad_request", "unauthorized", "gone", "unavailable"];

    private DealState State => outbox.State;

    public async Task<IngressOutcome> Accept(DealEvent dealEvent)
    {
        ArgumentNullException.ThrowIfNull(dealEvent);
        var action = (int)dealEvent.Meta.Action;
        var kind = action < KindLabels.Length ? KindLabels[action] : "other";
        try
        {
            var outcome = await AcceptCoreAsync(dealEvent);
            var status = (int)outcome.Status;
            metrics.DealEvent(kind, status < OutcomeLabels.Length ? OutcomeLabels[status] : "other");
            return outcome;
        }
        catch
        {
            metrics.DealEvent(kind, "failed");
            throw;
        }
    }

    public Task<DealSyncView> GetView()
    {
        var parked = State.Outbox.Parked.ToList();
        return Task.FromResult(new DealSyncView
        {
            DealId = CompanyKey.Of(this).EntityId,
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
        if (!State.Outbox.Parked.Any())
        {
            return 0;
        }

        // The admin may have fixed the event types in Maileon: look again instead of trusting what is remembered.
        await GrainFactory.DealTransactionTypes(CompanyKey.Of(this).CompanyId).Forget();
        return await outbox.RetryParkedAsync();
    }

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();

    private async Task<IngressOutcome> AcceptCoreAsync(DealEvent dealEvent)
    {
        var (companyId, dealId) = CompanyKey.Of(this);
        var meta = dealEvent.Meta;
        if (meta.Entity != PipedriveEntity.Deal || meta.CompanyId != companyId || meta.EntityId != dealId)
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
        if (!first.IsAccepted)
        {
            return first.IsDuplicate ? IngressOutcome.Duplicate : IngressOutcome.Ignored($"Deal {dealId}: {first.Reason}.");
        }

        if (TenantProblem(await tenants.GetAsync(companyId)) is { } problem)
        {
            return IngressOutcome.Ignored(problem);
        }

        var facts = DealFacts.From(snapshot);
        var decision = await outbox.UpdateAsync((state, now) => new Recorded(DealDecisions.Accept(state, meta, facts, outbox.InFlightEntryId, now)), meta.EventId);
        if (!decision.Changed)
        {
            return decision.Decision.IsDuplicate ? IngressOutcome.Duplicate : IngressOutcome.Ignored($"Deal {dealId}: {decision.Decision.Reason}.");
        }

        return facts.PersonId is null ? IngressOutcome.Ignored("The deal has no person; nothing is sent to Maileon.") : IngressOutcome.Accepted;
    }

    /// <summary>
    /// Why the tenant records no deal events now, or null when it does. A tenant that cannot send right now (Pipedrive
    /// needs re-authorising, the Maileon key is missing or refused) still records them: they wait in the outbox for the
    /// admin and go out once the tenant is reconnected.
    /// </summary>
    private static string? TenantProblem(TenantConnection connection) =>
        connection.Status is not (TenantStatus.Active or TenantStatus.NeedsReauthorization) ? $"Deal events are not recorded: the app is not installed for this company ({connection.Status})."
        : !connection.DealEventsEnabled ? "Deal events are turned off for this company."
        : null;

    private readonly record struct Recorded(DealEventDecision Decision) : IStateChange
    {
        public bool Changed => Decision.IsAccepted;
    }
}
