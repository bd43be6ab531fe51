using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>Rows to record per person, and how many rows (per person reached) each other verdict had.</summary>
public sealed class EngagementRoute
{
    private readonly Dictionary<long, List<MaileonTrackingEvent>> byPerson = [];
    private readonly Dictionary<EngagementVerdict, int> verdicts = [];

    public IReadOnlyDictionary<long, List<MaileonTrackingEvent>> ByPerson => byPerson;

    public IReadOnlyDictionary<EngagementVerdict, int> Verdicts => verdicts;

    public int CountOf(EngagementVerdict verdict) => verdicts.GetValueOrDefault(verdict);

    internal void Add(long personId, MaileonTrackingEvent row)
    {
        if (!byPerson.TryGetValue(personId, out var rows))
        {
            rows = [];
            byPerson[personId] = rows;
        }

        rows.Add(row);
        Count(EngagementVerdict.Record);
    }

    internal void Count(EngagementVerdict verdict) => verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + 1;
}
