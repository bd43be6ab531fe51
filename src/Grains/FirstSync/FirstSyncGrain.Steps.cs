using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.FirstSync;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>The first sync's steps: read persons, read Maileon, apply address groups.</summary>
public sealed partial class FirstSyncGrain
{
    /// <summary>The persons read are stored every this many pages (5,000 persons), and at the end: a crash repeats at most these.</summary>
    private const int PagesPerWrite = 10;

    /// <summary>The Maileon reading position is stored every this many calls.</summary>
    private const int MaileonCallsPerWrite = 10;

    private FirstSyncPlan? plan;
    private IReadOnlySet<string>? wanted;
    private List<string>? wantedInOrder;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A graceful deactivation keeps what the scan read since its last write.
        if (State.Phase is FirstSyncPhase.Scanning or FirstSyncPhase.Deciding && scan.State.SyncId == State.SyncId)
        {
            await scan.WriteStateAsync(cancellationToken);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private void ForgetPlan()
    {
        plan = null;
        wanted = null;
        wantedInOrder = null;
    }

    private async Task<bool> TenantReadyAsync()
    {
        var connection = await GrainFactory.Tenant(CompanyId).GetConnection();
        if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
        {
            await outbox.UpdateAsync(FirstSyncDecisions.Uninstall);
            return false;
        }

        if (scan.State.SyncId != State.SyncId)
        {
            // The reading of another first sync (a crash came between starting this one and storing its empty reading).
            ForgetPlan();
            scan.State = new FirstSyncScan { SyncId = State.SyncId };
        }

        return connection.CanSyncContacts;
    }

    private async Task ScanStepAsync(CancellationToken cancellationToken)
    {
        if (FirstSyncBudget.WaitUntil(State, PipedriveTokenCosts.ListPersons, Budget(), Pace, outbox.Now) is { } until)
        {
            await outbox.UpdateAsync((state, now) => FirstSyncDecisions.WaitForBudget(state, until, now));
            return;
        }

        var page = await source.ReadPersonsAsync(CompanyId, scan.State.Cursor, cancellationToken);
        var reading = scan.State;
        reading.Add(page.Persons);
        (reading.Cursor, reading.PersonsComplete, reading.Pages) = (page.NextCursor, page.NextCursor is null, reading.Pages + 1);
        if (reading.PersonsComplete || reading.Pages % PagesPerWrite == 0)
        {
            await scan.WriteStateAsync(cancellationToken);
        }

        var persons = reading.Persons.Count;
        await outbox.UpdateAsync((state, now) => FirstSyncDecisions.PersonsRead(state, persons, reading.PersonsComplete, PipedriveTokenCosts.ListPersons, now));
    }

    /// <summary>Up to <see cref="FirstSyncPace.MaileonCallsPerSecond"/> Maileon reads; when all are read, the preview.</summary>
    private async Task LookupStepAsync(CancellationToken cancellationToken)
    {
        wanted ??= scan.State.AddressesToLookUp();
        var lookup = scan.State.Maileon;
        var before = lookup.Calls;
        while (lookup.Stage != MaileonLookupStage.Done && lookup.Calls - before < Pace.MaileonCallsPerSecond)
        {
            await ReadMaileonAsync(lookup, wanted, cancellationToken);
        }

        if (lookup.Stage != MaileonLookupStage.Done)
        {
            if (lookup.Calls / MaileonCallsPerWrite != before / MaileonCallsPerWrite)
            {
                await scan.WriteStateAsync(cancellationToken);
            }

            return;
        }

        await scan.WriteStateAsync(cancellationToken);
        var ready = plan = FirstSyncPlan.Of(scan.State, State.SyncId!, State.ScannedFrom ?? outbox.Now);
        // The scan and the Maileon reads are done: the estimate is the run's.
        var estimate = FirstSyncEstimator.Estimate(ready.Workload(0) with { Persons = 0 }, Budget(), Pace);
        var calls = lookup.Calls;
        await outbox.UpdateAsync((state, now) => FirstSyncDecisions.Previewed(state, ready, estimate, calls, now));
        if (State.Phase == FirstSyncPhase.Done)
        {
            await FinishAsync();
        }
    }

    private async Task ReadMaileonAsync(MaileonLookup lookup, IReadOnlySet<string> addresses, CancellationToken cancellationToken)
    {
        switch (lookup.Stage)
        {
            case MaileonLookupStage.Contacts when addresses.Count == 0:
                // Nobody is marked: Maileon holds nothing the first sync needs.
                lookup.Stage = MaileonLookupStage.Done;
                return;
            case MaileonLookupStage.Contacts when lookup.Mode != MaileonLookupMode.PerAddress:
                var page = await source.ListContactsAsync(CompanyId, lookup.NextPage, cancellationToken);
                foreach (var contact in page.Items)
                {
                    lookup.SawContact(contact, addresses);
                }

                if (lookup.Mode == MaileonLookupMode.Undecided)
                {
                    lookup.ChooseMode(page.TotalPages, addresses.Count);
                }

                if (lookup.Mode == MaileonLookupMode.List)
                {
                    NextPageOr(lookup, page.HasMore(ApiFirstSyncSource.MaileonPageSize), MaileonLookupStage.Unsubscriptions);
                }

                break;
            case MaileonLookupStage.Contacts:
                wantedInOrder ??= [.. addresses.Order(StringComparer.Ordinal)];
                lookup.SawContact(await source.GetContactAsync(CompanyId, wantedInOrder[lookup.NextAddress], cancellationToken), addresses);
                lookup.NextAddress++;
                if (lookup.NextAddress >= wantedInOrder.Count)
                {
                    (lookup.Stage, lookup.NextPage) = (MaileonLookupStage.Unsubscriptions, 1);
                }

                break;
            default:
                var unsubscriptions = await source.ListUnsubscriptionsAsync(CompanyId, lookup.NextPage, cancellationToken);
                foreach (var unsubscription in unsubscriptions.Items)
                {
                    lookup.SawUnsubscription(unsubscription, addresses);
                }

                NextPageOr(lookup, unsubscriptions.HasMore(ApiFirstSyncSource.MaileonPageSize), MaileonLookupStage.Done);
                break;
        }

        lookup.Calls++;
    }

    private static void NextPageOr(MaileonLookup lookup, bool hasMore, MaileonLookupStage next)
    {
        if (hasMore)
        {
            lookup.NextPage++;
        }
        else
        {
            (lookup.Stage, lookup.NextPage) = (next, 1);
        }
    }
}
