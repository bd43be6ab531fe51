using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.FirstSync;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.GrainTests.Infrastructure;

namespace PipedriveMaileon.GrainTests.FirstSync;

/// <summary>
/// The first sync as a grain (issue 12): it reads every person and what Maileon holds, shows a preview without sending
/// anything, and after the admin's confirm hands each address's decision to the address grain, which does the effects.
/// </summary>
[Collection(ProductClusterCollection.Name)]
public sealed class FirstSyncGrainTests(ProductClusterFixture fixture)
{
    [Fact]
    public async Task The_preview_sends_nothing_and_the_confirmed_run_mails_only_addresses_without_a_confirmed_double_opt_in()
    {
        var company = await TenantAsync();
        var account = fixture.FirstSyncSource.For(company);
        account.PageSize = 3;
        account.Persons.AddRange([
            Marked(1, "team@example.com", NewsletterOption.Subscribe),
            Marked(2, "Team@Example.com", NewsletterOption.Subscribed),
            new ScannedPerson(3, "team@example.com", null),
            Marked(4, "confirmed@example.com", NewsletterOption.Subscribe),
            Marked(5, "gone@example.com", NewsletterOption.Subscribed),
            Marked(6, "blocked@example.com", NewsletterOption.Subscribe),
            new ScannedPerson(7, "blocked@example.com", NewsletterOption.Unsubscribed),
            Marked(8, null, NewsletterOption.Subscribe),
            Marked(9, "not an address", NewsletterOption.Subscribe),
            new ScannedPerson(10, "alone@example.com", null),
        ]);
        account.Contacts["confirmed@example.com"] = MaileonPermissionLevel.DoubleOptInPlus;
        account.Contacts["team@example.com"] = MaileonPermissionLevel.SingleOptIn;
        account.Unsubscribed.Add("gone@example.com");
        var grain = fixture.Grains.FirstSync(company);

        await grain.Prepare(new FirstSyncTrigger(4711));
        var preview = await Eventually.MatchesAsync(grain.GetView, v => v.Phase == FirstSyncPhase.Ready);
        await grain.Prepare(new FirstSyncTrigger(4711));

        Assert.Equal("first install", preview.Reason);
        Assert.Equal(10, preview.ScannedPersons);
        Assert.Equal((2, 1, 1, 3, 1, 1, 2), (preview.Count(FirstSyncAction.SendDoi), preview.DoiMails, preview.Count(FirstSyncAction.MarkSubscribed),
            preview.Count(FirstSyncAction.MarkUnsubscribed), preview.Count(FirstSyncAction.SkipNoEmail), preview.Count(FirstSyncAction.SkipInvalidEmail), preview.Count(FirstSyncAction.Nothing)));
        Assert.Equal(7, preview.Total); // the persons of the four addresses with someone to act on
        Assert.NotNull(preview.EstimatedDuration);
        Assert.Equal([null, "3", "6", "9"], account.PersonReads); // read once, page by page, whatever Prepare is called again
        Assert.Empty(fixture.Addresses.For(company));
        Assert.Equal(FirstSyncPhase.Ready, (await grain.GetView()).Phase);

        await grain.Confirm(userId: 42);
        var done = await Eventually.MatchesAsync(grain.GetView, v => v.Phase == FirstSyncPhase.Done);

        Assert.Equal((7, 7), (done.Processed, done.Total));
        // The run is done once each address recorded its group; the double opt-in is that address's effect, sent after.
        var doi = Assert.Single(await Eventually.MatchesAsync(
            () => Task.FromResult(fixture.Addresses.Commands<AddressEffect.StartDoubleOptIn>(company)), commands => commands.Count > 0));
        Assert.Equal("team@example.com", doi.Email);
        Assert.Empty(fixture.Addresses.Commands<AddressEffect.Unsubscribe>(company)); // nobody asked to unsubscribe now
        await StatusAsync(company, SubscriptionStatus.Pending, 1, 2);
        await StatusAsync(company, SubscriptionStatus.Subscribed, 4);
        await StatusAsync(company, SubscriptionStatus.Unsubscribed, 5, 6, 7);
        Assert.Equal([1L, 2L, 3L], (await fixture.Grains.Address(company, "team@example.com").GetView()).Persons);
        foreach (var person in new long[] { 1, 2, 4, 5, 6, 7 })
        {
            await Eventually.TrueAsync(() => fixture.Journal.Ledger(company, person).Any(l => l.Source == FirstSyncGroupRules.Source), $"person {person}'s ledger names the first sync");
        }

        Assert.Empty(fixture.Journal.Ledger(company, 3)); // left alone: not marked
        Assert.Empty(fixture.Journal.Ledger(company, 8)); // no address, nothing to record
        Assert.Equal(SubscriptionStatus.None, (await fixture.Grains.Contact(company, 8).GetView()).Status);
    }

    [Fact]
    public async Task A_scan_continues_from_its_stored_cursor_after_deactivation_and_a_paused_run_from_its_next_address()
    {
        var company = await TenantAsync();
        var account = fixture.FirstSyncSource.For(company);
        account.PageSize = 2;
        account.RefuseFromPage = 3;
        account.Persons.AddRange(Enumerable.Range(1, 16).Select(i => Marked(i, $"p{i:00}@example.com", NewsletterOption.Subscribe)));
        var grain = fixture.Grains.FirstSync(company);

        await grain.Prepare(new FirstSyncTrigger(4711));
        await Eventually.TrueAsync(() => account.PersonReads.Count == 2, "two pages read");
        await fixture.Cluster.DeactivateAsync(grain);
        account.RefuseFromPage = null;
        var preview = await Eventually.MatchesAsync(grain.GetView, v => v.Phase == FirstSyncPhase.Ready);

        Assert.Equal(16, preview.Count(FirstSyncAction.SendDoi));
        Assert.Equal([null, "2", "4", "6", "8", "10", "12", "14"], account.PersonReads); // no page read twice

        await grain.Confirm(userId: 42);
        var moving = await Eventually.MatchesAsync(grain.GetView, v => v.Processed > 0);
        await grain.Pause(userId: 42);
        var paused = await grain.GetView();
        Assert.Equal(FirstSyncPhase.Paused, paused.Phase);
        Assert.InRange(paused.Processed, moving.Processed, 15); // at most five DOI mails a second
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(paused.Processed, (await grain.GetView()).Processed);

        await grain.Resume(userId: 42);
        await Eventually.MatchesAsync(grain.GetView, v => v.Phase == FirstSyncPhase.Done);
        // Done once each address recorded its group; the last addresses' double opt-ins are their effects, sent after.
        var mails = (await Eventually.MatchesAsync(
            () => Task.FromResult(fixture.Addresses.Commands<AddressEffect.StartDoubleOptIn>(company)), commands => commands.Count >= 16)).Select(d => d.Email).ToList();
        Assert.Equal(Enumerable.Range(1, 16).Select(i => $"p{i:00}@example.com"), mails.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_Maileon_account_or_a_re_install_starts_a_new_preview_and_a_repeated_setup_does_not()
    {
        var company = await TenantAsync();
        fixture.FirstSyncSource.For(company).Persons.Add(Marked(1, "a@example.com", NewsletterOption.Subscribe));
        var grain = fixture.Grains.FirstSync(company);
        await grain.Prepare(new FirstSyncTrigger(1));
        await Eventually.MatchesAsync(grain.GetView, v => v.Phase == FirstSyncPhase.Ready);

        await grain.Prepare(new FirstSyncTrigger(2));
        var switched = await Eventually.MatchesAsync(grain.GetView, v => v.Phase == FirstSyncPhase.Ready);
        await grain.Stop();
        var stopped = await grain.GetView();
        await grain.Prepare(new FirstSyncTrigger(2));
        var reinstalled = await Eventually.MatchesAsync(grain.GetView, v => v.Phase == FirstSyncPhase.Ready);

        Assert.Equal("another Maileon account", switched.Reason);
        Assert.Equal(FirstSyncPhase.Failed, stopped.Phase);
        Assert.Equal("re-install", reinstalled.Reason);
        Assert.Equal(3, fixture.FirstSyncSource.For(company).PersonReads.Count);
        Assert.Empty(fixture.Addresses.For(company));
    }

    private static ScannedPerson Marked(long id, string? email, NewsletterOption meaning) =>
        new ScannedPerson(id, email, meaning) with { Name = $"Person {id}", FirstName = "Person", LastName = $"{id}" };

    private async Task StatusAsync(long company, SubscriptionStatus status, params long[] persons)
    {
        foreach (var person in persons)
        {
            await Eventually.MatchesAsync(fixture.Grains.Contact(company, person).GetView, v => v.Status == status);
        }
    }

    private async Task<long> TenantAsync()
    {
        var company = ProductClusterFixture.NewCompany();
        await fixture.SetUpTenantAsync(company);
        return company;
    }
}
