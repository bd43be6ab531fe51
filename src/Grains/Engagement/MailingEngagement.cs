using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// What one person did with one mailing, as far as Maileon attributes it: the opens and clicks counted (by
/// fingerprint, so nothing is counted twice), a hard bounce, first and last time, and where its timeline entry
/// stands. Counts only grow. At most <see cref="MaxEventsPerKind"/> opens and clicks are kept; more are not counted
/// (<see cref="Saturated"/>). Plain data, JSON-serialisable.
/// </summary>
public sealed class MailingEngagement
{
    public const int MaxEventsPerKind = 500;

    public long PersonId { get; set; }

    public long MailingId { get; set; }

    /// <summary>Fingerprints of the counted opens, ascending.</summary>
    public List<string> Opens { get; set; } = [];

    public List<TrackedClick> Clicks { get; set; } = [];

    public bool HardBounce { get; set; }

    public string? BounceStatusCode { get; set; }

    public DateTimeOffset? FirstAt { get; set; }

    public DateTimeOffset? LastAt { get; set; }

    public bool Saturated { get; set; }

    /// <summary>The timeline entry written for this mailing (none yet: <see cref="EngagementEntryState.PipedriveId"/> null).</summary>
    public EngagementEntryState Entry { get; set; } = new();

    public int OpenCount => Opens.Count;

    public int ClickCount => Clicks.Count;

    public int DistinctLinks => Clicks.Select(c => c.Link).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Counts the row; false when it was counted before (or cannot be: another mailing, a cap reached).</summary>
    public bool Fold(MaileonTrackingEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.MailingId != MailingId)
        {
            return false;
        }

        var fingerprint = EngagementFingerprint.Of(row);
        var added = row.Kind switch
        {
            MaileonTrackingKind.Open => AddOpen(fingerprint),
            MaileonTrackingKind.Click => AddClick(new TrackedClick(fingerprint, row.LinkId, row.LinkUrl)),
            _ => AddBounce(row),
        };
        if (added && row.Timestamp is { } at)
        {
            FirstAt = FirstAt is { } first && first <= at ? first : at;
            LastAt = LastAt is { } last && last >= at ? last : at;
        }

        return added;
    }

    private bool AddOpen(string fingerprint)
    {
        var at = Opens.BinarySearch(fingerprint, StringComparer.Ordinal);
        if (at >= 0 || Full(Opens.Count))
        {
            return false;
        }

        Opens.Insert(~at, fingerprint);
        return true;
    }

    private bool AddClick(TrackedClick click)
    {
        if (Clicks.Exists(c => c.Fingerprint == click.Fingerprint) || Full(Clicks.Count))
        {
            return false;
        }

        Clicks.Add(click);
        return true;
    }

    private bool AddBounce(MaileonTrackingEvent row)
    {
        if (HardBounce || !row.IsHardBounce)
        {
            return false;
        }

        (HardBounce, BounceStatusCode) = (true, row.StatusCode);
        return true;
    }

    private bool Full(int count)
    {
        Saturated |= count >= MaxEventsPerKind;
        return count >= MaxEventsPerKind;
    }
}
