using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Tenants;
using PipedriveMaileon.Grains.Interfaces.Reconciliation;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Reconciliation;

[Collection(ClusterCollection.Name)]
public sealed class ReconciliationGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static long NewCompanyId() => Random.Shared.NextInt64(1_000_000_000, long.MaxValue / 2);

    [Fact]
    public async Task Start_schedules_periodic_runs_from_now_and_repeating_it_never_postpones_them()
    {
        var companyId = NewCompanyId();
        var grain = fixture.Grains.GetGrain<IReconciliationGrain>(companyId);
        var before = DateTimeOffset.UtcNow;

        await grain.Start();
        var first = await grain.GetView();
        await grain.Start();
        var second = await grain.GetView();

        Assert.True(first.Scheduled);
        Assert.False(first.Running);
        Assert.Null(first.LastRunStartedAt);
        Assert.InRange(first.NextRunAt!.Value, before.AddMinutes(15), DateTimeOffset.UtcNow.AddMinutes(15));
        Assert.Equal(first.NextRunAt, second.NextRunAt);
        Assert.Equal(["Maileon unsubscriptions", "Maileon DOI confirmations", "Pipedrive persons"], first.Sources.Select(s => s.Name));

        // Webhooks cover what came before: every source starts a little before it was scheduled.
        Assert.All(first.Sources, s => Assert.InRange(s.Checkpoint!.Value, before.AddMinutes(-6), before));
        Assert.Equal(first.Sources.Select(s => s.Checkpoint), second.Sources.Select(s => s.Checkpoint));
        var scheduled = await WaitForActivityAsync(companyId, a => a.Message.StartsWith("Reconciliation scheduled", StringComparison.Ordinal));
        Assert.Single(scheduled);
    }

    [Fact]
    public async Task Stop_unschedules_once_and_keeps_the_checkpoints_so_a_restart_catches_up_from_there()
    {
        // Installed but not set up: the catch-up run the restart starts finds nothing to do and keeps the schedule (a
        // tenant that is not installed at all would be unscheduled by that run, racing the assertions below).
        var companyId = NewCompanyId();
        var tenantId = GrainId.Create(GrainType.Create("tenant"), GrainIdKeyExtensions.CreateIntegerKey(companyId));
        await StoredStates.SeedAsync<TenantState>(fixture.Silo, tenantId, "tenant", """{"Status":1,"CompanyName":"Reinstalled Ltd"}""");
        var grain = fixture.Grains.GetGrain<IReconciliationGrain>(companyId);
        await grain.Start();
        var checkpoints = (await grain.GetView()).Sources.Select(s => s.Checkpoint).ToList();

        await grain.Stop();
        await grain.Stop();
        var view = await grain.GetView();

        Assert.False(view.Scheduled);
        Assert.Null(view.NextRunAt);
        Assert.Equal(checkpoints, view.Sources.Select(s => s.Checkpoint));
        Assert.Single(await WaitForActivityAsync(companyId, a => a.Message.StartsWith("Reconciliation stopped", StringComparison.Ordinal)));

        // A re-install schedules it again: the sources continue from the kept checkpoints, not from now.
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        await grain.Start();
        var restarted = await grain.GetView();
        Assert.True(restarted.Scheduled);
        Assert.Equal(checkpoints, restarted.Sources.Select(s => s.Checkpoint));
    }

    [Fact]
    public async Task Run_now_returns_at_once_and_records_why_a_tenant_not_set_up_was_not_reconciled()
    {
        // Installed, but no Maileon key saved yet: there is nothing to reconcile with, and the run must say so.
        var companyId = NewCompanyId();
        var tenantId = GrainId.Create(GrainType.Create("tenant"), GrainIdKeyExtensions.CreateIntegerKey(companyId));
        await StoredStates.SeedAsync<TenantState>(fixture.Silo, tenantId, "tenant", """{"Status":1,"CompanyName":"Not Set Up Ltd"}""");
        var grain = fixture.Grains.GetGrain<IReconciliationGrain>(companyId);

        await grain.RunNow();
        var view = await WaitAsync(grain, v => v.LastError is not null && !v.Running);

        Assert.StartsWith("Not run: the app is not fully set up", view.LastError, StringComparison.Ordinal);
        Assert.Null(view.LastRunStartedAt);
        var notes = await WaitForActivityAsync(companyId, a => a.Message.StartsWith("Reconciliation not run", StringComparison.Ordinal));
        Assert.Equal(ActivityLevel.Warning, Assert.Single(notes).Level);
    }

    private static async Task<ReconciliationView> WaitAsync(IReconciliationGrain grain, Func<ReconciliationView, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var view = await grain.GetView();
            if (condition(view) || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(50);
        }
    }

    private async Task<List<ActivityRecord>> WaitForActivityAsync(long companyId, Func<ActivityRecord, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var found = fixture.Journal.Activity(companyId).Where(match).ToList();
            if (found.Count > 0 || DateTime.UtcNow > deadline)
            {
                // Give a duplicate a moment to show up before the caller asserts there is one.
                await Task.Delay(200);
                return fixture.Journal.Activity(companyId).Where(match).ToList();
            }

            await Task.Delay(50);
        }
    }
}
