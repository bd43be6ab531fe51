using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// The tenant's "Show Maileon engagement in Pipedrive" setting: off by default; what is written (opens, clicks, hard
/// bounces) and where (a note or an activity per person and mailing). Plain data, JSON-serialisable.
/// </summary>
public sealed class EngagementSettings
{
    public bool Enabled { get; set; }

    public bool Opens { get; set; } = true;

    public bool Clicks { get; set; } = true;

    public bool HardBounces { get; set; } = true;

    public EngagementTarget Target { get; set; } = EngagementTarget.Note;

    /// <summary>Whether rows of this report are written at all.</summary>
    public bool Wants(MaileonTrackingKind kind) => Enabled && kind switch
    {
        MaileonTrackingKind.Open => Opens,
        MaileonTrackingKind.Click => Clicks,
        _ => HardBounces,
    };
}
