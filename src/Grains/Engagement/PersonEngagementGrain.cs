using Microsoft.Extensions.Options;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// One person's engagement (key: person id + company id). <see cref="Record"/> counts the rows the tenant's poller
/// routed here (<see cref="PersonEngagementDecisions"/>) and queues the writes in the same state write; the outbox
/// writes one timeline entry per mailing and the bounce flag (<see cref="EngagementEffectHandler"/>), one at a time.
/// </summary>
[GrainType(GrainTypes.PersonEngagement)]
public sealed class PersonEngagementGrain(
    [Outbox(GrainTypes.PersonEngagement)] IOutbox<PersonEngagementState, PersonEngagementWork> outbox,
    IOptions<EngagementOptions> options) : Grain, IPersonEngagementGrain, IOutboxParticipant
{
    private PersonEngagementState State => outbox.State;

    public async Task<int> Record(EngagementDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (companyId, personId) = CompanyKey.Of(this);
        var change = await outbox.UpdateAsync((state, now) => PersonEngagementDecisions.Record(
            state, companyId, personId, delivery, outbox.InFlightEntryId, now, TimeSpan.FromSeconds(options.Value.WriteDelaySeconds)));
        return change.Cost;
    }

    public Task<PersonEngagementView> GetView(int mailings)
    {
        var parked = State.Outbox.Parked.ToList();
        return Task.FromResult(new PersonEngagementView
        {
            Mailings = [.. State.Engagement.Latest(Math.Clamp(mailings, 1, PersonEngagement.MaxMailings)).Select(m => new MailingEngagementView
            {
                MailingId = m.MailingId,
                Subject = State.Subjects.GetValueOrDefault(m.MailingId),
                Opens = m.OpenCount,
                Clicks = m.ClickCount,
                Links = m.DistinctLinks,
                HardBounce = m.HardBounce,
                LastAt = m.LastAt,
                Written = m.Entry.WrittenDigest is not null && !State.Outbox.Entries.Any(e => e.Work.MailingId == m.MailingId && e.Work.Kind == PersonEngagementWorkKind.WriteEntry),
            })],
            PendingWrites = State.Outbox.Entries.Count - parked.Count,
            ParkedWrites = parked.Count,
            LastError = parked.Select(p => p.LastError).LastOrDefault(),
        });
    }

    public Task<int> RetryParked() => outbox.RetryParkedAsync();

    public Task Wake() => outbox.WakeAsync();

    public Task<int> ResumeWaiting() => outbox.ResumeWaitingAsync();

    public Task RunOutboxStep() => outbox.RunStepAsync();

    public Task RunOutboxEffect() => outbox.RunEffectAsync();
}
