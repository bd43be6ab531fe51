using PipedriveMaileon.Grains.Engagement;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Engagement;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.Engagement;

/// <summary>
/// The engagement states' stored contract, version 1 (<c>StoredStates/engagement.json</c> and
/// <c>person-engagement.json</c>, written to that contract; never edit them): they load with every fact, and a person
/// resumes its queued writes — the create whose answer was lost is sent as a look-up-then-create, not blindly again.
/// </summary>
[Collection(EngagementClusterCollection.Name)]
public sealed class EngagementStoredStateTests(EngagementClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_stored_poll_keeps_its_setting_positions_and_last_run()
    {
        var state = Read<EngagementState>("engagement");

        Assert.Equal(1, state.Version);
        Assert.Equal((true, true, false, EngagementTarget.Activity), (state.Settings.Enabled, state.Settings.Opens, state.Settings.HardBounces, state.Settings.Target));
        Assert.Equal((3, true, T0.AddMinutes(-5)), (state.Poll.Opens.NextPage, state.Poll.Opens.InPass, state.Poll.Opens.Checkpoint!.Value));
        Assert.False(state.Poll.Bounces.InPass);
        Assert.Equal((1500L, true, 150L), (state.TokensQueued, state.StoppedAtBudget, state.Verdicts["Record"]));
        Assert.Equal(2000, state.RowsRead["Open"]);
    }

    [Fact]
    public void A_stored_person_keeps_its_counts_entries_frozen_mailings_and_queued_writes()
    {
        var state = Read<PersonEngagementState>("person-engagement");

        var may = state.Engagement.Mailings[501];
        Assert.Equal((2, 1, 1), (may.OpenCount, may.ClickCount, may.DistinctLinks));
        Assert.Equal((77L, "0123456789ABCDEF"), (may.Entry.PipedriveId!.Value, may.Entry.WrittenDigest!));
        var offers = state.Engagement.Mailings[502];
        Assert.Equal((true, EngagementTarget.Activity, T0.AddSeconds(4)), (offers.HardBounce, offers.Entry.Target!.Value, offers.Entry.CreateStartedAt!.Value));
        Assert.Equal([400L], state.Engagement.Frozen);
        Assert.Equal("May offers", state.Subjects[502]);
        Assert.Equal(("b0a1", 31L), (state.Bounce.FieldKey!, state.Bounce.OptionId!.Value));
        Assert.Equal([PersonEngagementWorkKind.WriteEntry, PersonEngagementWorkKind.FlagBounce], state.Outbox.Entries.Select(e => e.Work.Kind));
    }

    [Fact]
    public async Task A_stored_person_resumes_with_a_look_up_for_the_create_whose_answer_was_lost()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        var id = GrainId.Create(GrainType.Create(GrainTypes.PersonEngagement), GrainIdKeyExtensions.CreateIntegerKey(42, CompanyKey.Format(company)));
        await StoredStates.SeedAsync<PersonEngagementState>(fixture.Silo, id, GrainTypes.PersonEngagement, StoredStates.Captured("person-engagement"));
        var person = fixture.Grains.PersonEngagement(company, 42);

        await person.AsReference<IOutboxParticipant>().Wake();
        var view = await Eventually.MatchesAsync(() => person.GetView(5), v => v.PendingWrites == 0);

        var writes = fixture.Writes.For(company);
        var entry = writes.First(w => w.Command.Entry is not null);
        Assert.Equal((EngagementWriteKind.FindThenCreate, EngagementTarget.Activity, 42L), (entry.Command.Entry!.Kind, entry.Command.Entry.Target, entry.Command.PersonId));
        Assert.Equal($"mle-{company}-42-502", entry.Command.Key);
        Assert.Equal($"Hard bounce: 'May offers'", entry.Command.Entry.Subject);
        Assert.Contains(writes, w => w.Command.Flag is { FieldKey: "b0a1" } && w.Command.BouncedAddress == "ada@example.com");
        Assert.All(view.Mailings, m => Assert.True(m.Written));
    }

    private static T Read<T>(string name) => StoredStates.Read<T>(name);
}
