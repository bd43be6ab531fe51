using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// One person's engagement, one <see cref="MailingEngagement"/> per mailing. Bounded: past
/// <see cref="MaxMailings"/> mailings the least recently active one whose entry is written is let go and its mailing
/// frozen, so a late row for it neither counts from zero again nor starts a second entry. Plain data, JSON-serialisable.
/// </summary>
public sealed class PersonEngagement
{
    public const int MaxMailings = 50;

    public long PersonId { get; set; }

    public Dictionary<long, MailingEngagement> Mailings { get; set; } = [];

    /// <summary>Mailings let go, ascending; their rows are <see cref="EngagementVerdict.Frozen"/>.</summary>
    public List<long> Frozen { get; set; } = [];

    /// <summary>Counts the rows; returns the mailings whose counts grew (their entries need writing).</summary>
    public IReadOnlyList<MailingEngagement> Fold(IEnumerable<MaileonTrackingEvent> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var changed = new List<MailingEngagement>();
        foreach (var row in rows)
        {
            if (row.MailingId is not { } mailingId || Frozen.BinarySearch(mailingId) >= 0)
            {
                continue;
            }

            var mailing = Mailings.GetValueOrDefault(mailingId) ?? Open(mailingId);
            if (mailing.Fold(row) && !changed.Contains(mailing))
            {
                changed.Add(mailing);
            }
        }

        return changed;
    }

    /// <summary>The mailings with something counted, most recently active first (the panel's "last mailings").</summary>
    public IEnumerable<MailingEngagement> Latest(int count) =>
        Mailings.Values.OrderByDescending(m => m.LastAt ?? DateTimeOffset.MinValue).ThenByDescending(m => m.MailingId).Take(count);

    private MailingEngagement Open(long mailingId)
    {
        if (Mailings.Count >= MaxMailings)
        {
            var settled = Mailings.Values.Where(m => m.Entry.WrittenDigest is not null || m.Entry.Gone).ToList();
            var oldest = (settled.Count > 0 ? settled : [.. Mailings.Values]).MinBy(m => (m.LastAt ?? DateTimeOffset.MinValue, m.MailingId))!;
            Mailings.Remove(oldest.MailingId);
            Frozen.Insert(~Frozen.BinarySearch(oldest.MailingId), oldest.MailingId);
        }

        var mailing = new MailingEngagement { PersonId = PersonId, MailingId = mailingId };
        Mailings[mailingId] = mailing;
        return mailing;
    }
}
