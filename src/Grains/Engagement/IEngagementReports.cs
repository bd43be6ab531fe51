using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>Where the poll reads Maileon's engagement: a page of one report, and a mailing's subject (null when unknown).</summary>
public interface IEngagementReports
{
    Task<MaileonTrackingPage> ReadAsync(MaileonConnection maileon, MaileonTrackingKind kind, MaileonTrackingQuery query, CancellationToken cancellationToken);

    Task<string?> SubjectAsync(MaileonConnection maileon, long mailingId, CancellationToken cancellationToken);
}
