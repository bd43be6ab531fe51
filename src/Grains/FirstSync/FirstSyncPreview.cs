namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// What the first sync will do, before anything is sent: persons per action, DOI mails (one per address, however many
/// persons share it), Newsletter field writes (Pipedrive calls) and Maileon writes (one per address).
/// </summary>
public sealed record FirstSyncPreview(int Persons, IReadOnlyDictionary<FirstSyncAction, int> ByAction, int DoiMails, int FieldWrites, int MaileonWrites)
{
    public int Count(FirstSyncAction action) => ByAction.GetValueOrDefault(action);

    public static FirstSyncPreview Of(IReadOnlyCollection<FirstSyncDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var byAction = Enum.GetValues<FirstSyncAction>().ToDictionary(a => a, a => decisions.Count(d => d.Action == a));
        return new FirstSyncPreview(
            decisions.Count,
            byAction,
            DistinctAddresses(decisions.Where(d => d.Action == FirstSyncAction.SendDoi)),
            decisions.Count(d => d.FieldWrite is not null),
            DistinctAddresses(decisions.Where(d => d.WritesMaileon)));
    }

    private static int DistinctAddresses(IEnumerable<FirstSyncDecision> decisions) =>
        decisions.Select(d => d.Address).OfType<string>().Distinct(StringComparer.Ordinal).Count();
}
