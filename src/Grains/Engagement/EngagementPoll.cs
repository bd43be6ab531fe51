using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Reconciliation;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// How the poller reads Maileon's reports through <see cref="CheckpointedScan"/>: which reports the setting needs,
/// the report query for a scan request (from the checkpoint, or the first pass's start, to the pass's upper bound;
/// only rows Maileon ties to a contact; only hard bounces), and the scan page a report page is.
/// </summary>
public static class EngagementPoll
{
    /// <summary>How far back the first pass looks when the setting is switched on (<c>Engagement:InitialLookbackDays</c>).</summary>
    public static readonly TimeSpan DefaultInitialLookback = TimeSpan.FromDays(7);

    /// <summary>Rows per report page (Maileon allows 1..1000).</summary>
    public const int PageSize = 1000;

    public static IReadOnlyList<MaileonTrackingKind> Sources(EngagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. Enum.GetValues<MaileonTrackingKind>().Where(settings.Wants)];
    }

    public static MaileonTrackingQuery Query(MaileonTrackingKind kind, ScanRequest request, DateTimeOffset firstPassFrom, int pageSize = PageSize)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new MaileonTrackingQuery(
            From: request.Since ?? firstPassFrom,
            To: request.Until,
            PageIndex: request.PageIndex,
            PageSize: pageSize,
            ExcludeAnonymous: true,
            BounceType: kind == MaileonTrackingKind.Bounce ? "permanent" : null);
    }

    public static ScanPage<MaileonTrackingEvent> Page(MaileonTrackingPage page, int pageSize = PageSize)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new ScanPage<MaileonTrackingEvent>(page.Items, page.HasMore(pageSize));
    }
}
