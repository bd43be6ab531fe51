using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Where one tenant's engagement poll stands: a <see cref="ScanCursor"/> per report (opens, clicks, bounces), each
/// moved by <see cref="CheckpointedScan"/> only after a page was fully counted, so a crash or a budget stop repeats at
/// most one page and the fingerprints make the repeat count nothing. Plain data, JSON-serialisable.
/// </summary>
public sealed class EngagementPollState
{
    public ScanCursor Opens { get; set; } = new();

    public ScanCursor Clicks { get; set; } = new();

    public ScanCursor Bounces { get; set; } = new();

    /// <summary>Where the first pass of each report starts (the time the setting was switched on, less the look-back).</summary>
    public DateTimeOffset? StartedFrom { get; set; }

    public ScanCursor CursorOf(MaileonTrackingKind kind) => kind switch
    {
        MaileonTrackingKind.Open => Opens,
        MaileonTrackingKind.Click => Clicks,
        _ => Bounces,
    };

    public void Set(MaileonTrackingKind kind, ScanCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        switch (kind)
        {
            case MaileonTrackingKind.Open:
                Opens = cursor;
                break;
            case MaileonTrackingKind.Click:
                Clicks = cursor;
                break;
            default:
                Bounces = cursor;
                break;
        }
    }
}
