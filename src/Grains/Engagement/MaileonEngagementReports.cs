using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary><see cref="IEngagementReports"/> over Maileon's REST API (<see cref="MaileonTrackingReports"/>, <see cref="MaileonMailings"/>).</summary>
public sealed class MaileonEngagementReports(MaileonTrackingReports reports, MaileonMailings mailings) : IEngagementReports
{
    public Task<MaileonTrackingPage> ReadAsync(MaileonConnection maileon, MaileonTrackingKind kind, MaileonTrackingQuery query, CancellationToken cancellationToken) => kind switch
    {
        MaileonTrackingKind.Open => reports.GetOpensAsync(maileon, query, cancellationToken),
        MaileonTrackingKind.Click => reports.GetClicksAsync(maileon, query, cancellationToken),
        _ => reports.GetBouncesAsync(maileon, query, cancellationToken),
    };

    public async Task<string?> SubjectAsync(MaileonConnection maileon, long mailingId, CancellationToken cancellationToken)
    {
        try
        {
            return await mailings.GetSubjectAsync(maileon, mailingId, cancellationToken);
        }
        catch (ApiClientException ex) when (!ex.IsTransient)
        {
            // The entry then names the mailing by its id; a later row may bring the subject.
            return null;
        }
    }
}
