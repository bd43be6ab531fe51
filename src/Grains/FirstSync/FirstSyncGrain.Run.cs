using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.FirstSync;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>The first sync's run: the next address groups, each handed to its address's grain, at the pace and within the budget.</summary>
public sealed partial class FirstSyncGrain
{
    /// <summary>
    /// Applies groups from <see cref="FirstSyncState.NextGroup"/> until this second's share of Newsletter writes
    /// (<see cref="FirstSyncPace.PipedriveCallsPerSecond"/>) or DOI mails (<see cref="FirstSyncPace.MaileonCallsPerSecond"/>)
    /// is used, or the budget says wait. The address grains do the effects (field writes, DOI mail, ledger entries).
    /// </summary>
    private async Task RunStepAsync(CancellationToken cancellationToken)
    {
        var groups = (plan ??= FirstSyncPlan.Of(scan.State, State.SyncId!, State.ScannedFrom ?? outbox.Now)).Groups;
        var budget = Budget();
        var (applied, persons, tokens, writes, mails) = (0, 0, 0L, 0, 0);
        while (State.NextGroup + applied < groups.Count && writes < Pace.PipedriveCallsPerSecond && mails < Pace.MaileonCallsPerSecond && !cancellationToken.IsCancellationRequested)
        {
            var group = groups[State.NextGroup + applied];
            var cost = FirstSyncPlan.TokensOf(group);
            if (FirstSyncBudget.WaitUntil(State, tokens + cost, budget, Pace, outbox.Now) is { } until)
            {
                if (applied == 0)
                {
                    await outbox.UpdateAsync((state, now) => FirstSyncDecisions.WaitForBudget(state, until, now));
                    return;
                }

                break;
            }

            await GrainFactory.Address(CompanyId, AddressOf(group)).ApplyFirstSync(group);
            (applied, persons, tokens) = (applied + 1, persons + group.Members.Count, tokens + cost);
            writes += group.Members.Count(m => m.Action != FirstSyncAction.Nothing);
            mails += FirstSyncPlan.Requester(group) is null ? 0 : 1;
        }

        var finished = State.NextGroup + applied >= groups.Count;
        await outbox.UpdateAsync((state, now) => FirstSyncDecisions.Applied(state, applied, persons, tokens, now, finished));
        if (finished)
        {
            await FinishAsync();
        }
    }

    /// <summary>Done: the persons read are no longer needed (storage stays small), nor is the reminder.</summary>
    private async Task FinishAsync()
    {
        ForgetPlan();
        await scan.ClearStateAsync();
        StopTimer();
        await DropReminderAsync();
    }

    private PipedriveBudgetView Budget() => PipedriveBudgetView.From(source.LatestRateLimit(CompanyId), outbox.Now);

    private static string AddressOf(FirstSyncGroup group) =>
        Interfaces.Identity.EmailAddressKey.Of(group.Members[0].Email) ?? throw new InvalidOperationException("A first-sync group has no usable address.");
}
