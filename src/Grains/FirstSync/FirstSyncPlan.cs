using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.FirstSync;

namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// What a first sync does, computed from its reading (<see cref="FirstSyncScan"/>): one decision per person, the
/// preview, and the run's work as one <see cref="FirstSyncGroup"/> per address that has a person to act on (persons
/// sharing the address go in one group, so the address decides once: at most one DOI mail), in address order so a
/// resumed run continues at the same place. Persons without a usable address have nothing to run.
/// </summary>
public sealed class FirstSyncPlan
{
    private FirstSyncPlan(IReadOnlyList<FirstSyncDecision> decisions, IReadOnlyList<FirstSyncGroup> groups)
    {
        Decisions = decisions;
        Groups = groups;
        Preview = FirstSyncPreview.Of(decisions);
        PersonsToRun = groups.Sum(g => g.Members.Count);
    }

    public IReadOnlyList<FirstSyncDecision> Decisions { get; }

    public IReadOnlyList<FirstSyncGroup> Groups { get; }

    public FirstSyncPreview Preview { get; }

    /// <summary>Persons in the groups: the run's total.</summary>
    public int PersonsToRun { get; }

    public static FirstSyncPlan Of(FirstSyncScan scan, string syncId, DateTimeOffset scannedFrom)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var decisions = scan.Classify();
        var groups = decisions.Where(d => d.Address is not null)
            .GroupBy(d => d.Address!, StringComparer.Ordinal)
            .Where(g => g.Any(d => d.Action != FirstSyncAction.Nothing))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FirstSyncGroup { SyncId = syncId, ScannedFrom = scannedFrom, Members = [.. g.Select(d => Member(scan.Persons[d.PersonId], d))] })
            .ToList();
        return new FirstSyncPlan(decisions, groups);
    }

    /// <summary>The work in calls, for the estimate: lookups for the contact data of each address's double opt-in.</summary>
    public FirstSyncWorkload Workload(int maileonReads)
    {
        var requesters = Groups.Select(Requester).OfType<FirstSyncMember>().ToList();
        return FirstSyncWorkload.Of(
            Preview,
            requesters.Select(m => m.OrgId).OfType<long>().Distinct().Count(),
            requesters.Select(m => m.OwnerId).OfType<long>().Distinct().Count(),
            maileonReads);
    }

    /// <summary>
    /// The Pipedrive tokens applying <paramref name="group"/> costs (the persons' grains write the fields; a double opt-in
    /// looks up the organization and owner): counted against the first sync's share of the budget before it is applied.
    /// </summary>
    public static long TokensOf(FirstSyncGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var writes = group.Members.Count(m => m.Action != FirstSyncAction.Nothing);
        var lookups = Requester(group) is { } requester
            ? (requester.OrgId is null ? 0 : PipedriveTokenCosts.GetOrganization) + (requester.OwnerId is null ? 0 : PipedriveTokenCosts.GetUser)
            : 0;
        return ((long)writes * PipedriveTokenCosts.UpdatePerson) + lookups;
    }

    /// <summary>The person whose data a group's double opt-in creates the contact from (null: no mail for the address).</summary>
    public static FirstSyncMember? Requester(FirstSyncGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return FirstSyncGroupRules.Target(group.Members) == FirstSyncAction.SendDoi ? group.Members.First(m => m.Action == FirstSyncAction.SendDoi) : null;
    }

    private static FirstSyncMember Member(ScannedPerson person, FirstSyncDecision decision) => new()
    {
        PersonId = person.PersonId,
        Action = decision.Action,
        FieldNow = person.Meaning,
        Reason = decision.Reason,
        Name = person.Name,
        FirstName = person.FirstName,
        LastName = person.LastName,
        OrgId = person.OrgId,
        OwnerId = person.OwnerId,
        Email = person.PrimaryEmail,
    };
}
