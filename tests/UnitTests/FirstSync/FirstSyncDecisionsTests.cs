using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.UnitTests.FirstSync;

/// <summary>The first sync's state changes and its budget rule.</summary>
public sealed class FirstSyncDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_first_sync_per_installation_and_Maileon_account()
    {
        var state = new FirstSyncState();
        Assert.True(FirstSyncDecisions.Prepare(state, new FirstSyncTrigger(7), "a", Now));
        Assert.Equal(("a", "first install", FirstSyncPhase.Scanning), (state.SyncId, state.Reason, state.Phase));

        // A repeated setup changes nothing; another account and a re-install start anew.
        Assert.False(FirstSyncDecisions.Prepare(state, new FirstSyncTrigger(7), "b", Now));
        Assert.True(FirstSyncDecisions.Prepare(state, new FirstSyncTrigger(8), "c", Now));
        Assert.Equal(("c", "another Maileon account"), (state.SyncId, state.Reason));
        Assert.True(FirstSyncDecisions.Uninstall(state, Now));
        Assert.Equal(FirstSyncPhase.Failed, state.Phase);
        Assert.False(FirstSyncDecisions.Uninstall(state, Now));
        Assert.True(FirstSyncDecisions.Prepare(state, new FirstSyncTrigger(8), "d", Now));
        Assert.Equal(("d", "re-install", FirstSyncPhase.Scanning, false), (state.SyncId, state.Reason, state.Phase, state.Uninstalled));
        Assert.Equal(3, state.PendingActivity.Count(a => a.Message.StartsWith("First sync (", StringComparison.Ordinal)));
    }

    [Fact]
    public void Only_a_ready_preview_can_be_confirmed_and_only_a_moving_run_paused()
    {
        var state = new FirstSyncState { SyncId = "a", Phase = FirstSyncPhase.Scanning };
        Assert.False(FirstSyncDecisions.Confirm(state, 1, Now));
        Assert.False(FirstSyncDecisions.Pause(state, 1, Now));

        state.Phase = FirstSyncPhase.Ready;
        Assert.True(FirstSyncDecisions.Confirm(state, 1, Now));
        Assert.Equal((FirstSyncPhase.Running, 1L, Now), (state.Phase, state.ConfirmedBy, state.RunStartedAt!.Value));
        Assert.True(FirstSyncDecisions.WaitForBudget(state, Now.AddHours(14), Now));
        Assert.True(FirstSyncDecisions.Pause(state, 1, Now));
        Assert.Equal((FirstSyncPhase.Paused, FirstSyncPhase.Running), (state.Phase, state.ContinueIn));
        Assert.True(FirstSyncDecisions.Resume(state, 1, Now.AddMinutes(1)));
        Assert.Equal(FirstSyncPhase.Running, state.Phase);
    }

    [Fact]
    public void A_budget_wait_ends_at_its_time_and_the_run_ends_with_its_last_group()
    {
        var state = new FirstSyncState { Phase = FirstSyncPhase.Running, Total = 3 };
        FirstSyncDecisions.WaitForBudget(state, Now.AddHours(1), Now);
        Assert.False(FirstSyncDecisions.BudgetReset(state, Now.AddMinutes(59)));
        Assert.True(FirstSyncDecisions.BudgetReset(state, Now.AddHours(1)));
        Assert.Equal(FirstSyncPhase.Running, state.Phase);

        Assert.False(FirstSyncDecisions.Applied(state, 0, 0, 0, Now, finished: false));
        Assert.True(FirstSyncDecisions.Applied(state, 2, 2, 10, Now, finished: false));
        Assert.True(FirstSyncDecisions.Applied(state, 1, 1, 5, Now, finished: true));
        Assert.Equal((FirstSyncPhase.Done, 3, 3, 15L), (state.Phase, state.NextGroup, state.Processed, state.TokensSpent));
    }

    [Fact]
    public void The_first_sync_keeps_to_its_share_of_the_day_and_never_takes_the_last_fifth_of_the_budget()
    {
        var budget = new PipedriveBudgetView(30_000, 30_000, TimeSpan.FromHours(14));
        var state = new FirstSyncState();
        Assert.Null(FirstSyncBudget.WaitUntil(state, 10, budget, FirstSyncPace.Default, Now));

        FirstSyncBudget.Spend(state, 14_995, Now);
        Assert.Null(FirstSyncBudget.WaitUntil(state, 5, budget, FirstSyncPace.Default, Now));
        Assert.Equal(Now.AddHours(14), FirstSyncBudget.WaitUntil(state, 6, budget, FirstSyncPace.Default, Now));

        // The next day the share is whole again; the company's own use may leave less than the reserve.
        var tomorrow = Now.AddDays(1);
        Assert.Null(FirstSyncBudget.WaitUntil(state, 5_000, budget, FirstSyncPace.Default, tomorrow));
        Assert.NotNull(FirstSyncBudget.WaitUntil(state, 10, budget with { RemainingToday = 6_005 }, FirstSyncPace.Default, tomorrow));
        // A step dearer than a day's share goes first thing in a day, so it is never stuck.
        Assert.Null(FirstSyncBudget.WaitUntil(state, 20_000, budget, FirstSyncPace.Default, tomorrow));
    }

    [Fact]
    public void The_plan_has_one_group_per_address_with_someone_to_act_on_in_address_order()
    {
        var scan = new FirstSyncScan();
        scan.Add([
            new ScannedPerson(1, "b@example.com", NewsletterOption.Subscribe) with { OrgId = 5, OwnerId = 9 },
            new ScannedPerson(2, "B@example.com", null),
            new ScannedPerson(3, "a@example.com", NewsletterOption.Subscribed),
            new ScannedPerson(4, "c@example.com", null),
            new ScannedPerson(5, null, NewsletterOption.Subscribe),
            new ScannedPerson(6, "d@example.com", NewsletterOption.Unsubscribed),
        ]);
        scan.Maileon.Active["a@example.com"] = MaileonPermissionLevel.DoubleOptIn;

        var plan = FirstSyncPlan.Of(scan, "sync", Now);

        Assert.Equal(["a@example.com", "b@example.com", "d@example.com"], plan.Groups.Select(g => g.Members[0].Email!.ToLowerInvariant()));
        Assert.Equal(4, plan.PersonsToRun);
        Assert.Equal([1L, 2L], plan.Groups[1].Members.Select(m => m.PersonId));
        Assert.Null(FirstSyncPlan.Requester(plan.Groups[0]));
        Assert.Equal(1, FirstSyncPlan.Requester(plan.Groups[1])!.PersonId);
        Assert.Equal(5 + 1 + 2, FirstSyncPlan.TokensOf(plan.Groups[1])); // one field write, organization and owner for the contact
        Assert.Equal(5, FirstSyncPlan.TokensOf(plan.Groups[0]));
        var workload = plan.Workload(3);
        Assert.Equal((6, 1, 1, 3), (workload.Persons, workload.OrganizationLookups, workload.OwnerLookups, workload.MaileonReads));
    }
}
