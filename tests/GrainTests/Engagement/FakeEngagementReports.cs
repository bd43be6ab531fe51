using System.Collections.Concurrent;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Engagement;

namespace PipedriveMaileon.GrainTests.Engagement;

/// <summary>
/// Maileon's engagement reports in memory, per tenant (by the Maileon connection's company): rows filtered by the
/// query's window and paged as Maileon pages them, with every page request recorded and a page that can be made to fail.
/// </summary>
public sealed class FakeEngagementReports : IEngagementReports
{
    private readonly ConcurrentDictionary<long, List<MaileonTrackingEvent>> rows = new();
    private readonly ConcurrentDictionary<long, ConcurrentQueue<(MaileonTrackingKind Kind, int Page)>> requests = new();
    private readonly ConcurrentDictionary<long, (MaileonTrackingKind Kind, int Page)> failing = new();

    public void Add(long companyId, IEnumerable<MaileonTrackingEvent> events)
    {
        var list = rows.GetOrAdd(companyId, _ => []);
        lock (list)
        {
            list.AddRange(events);
        }
    }

    /// <summary>The next read of this page fails (as a dropped connection would), once.</summary>
    public void FailOnce(long companyId, MaileonTrackingKind kind, int page) => failing[companyId] = (kind, page);

    public IReadOnlyList<(MaileonTrackingKind Kind, int Page)> Requests(long companyId) => [.. requests.GetOrAdd(companyId, _ => new())];

    public Task<MaileonTrackingPage> ReadAsync(MaileonConnection maileon, MaileonTrackingKind kind, MaileonTrackingQuery query, CancellationToken cancellationToken)
    {
        requests.GetOrAdd(maileon.CompanyId, _ => new()).Enqueue((kind, query.PageIndex));
        if (failing.TryGetValue(maileon.CompanyId, out var fail) && fail == (kind, query.PageIndex) && failing.TryRemove(maileon.CompanyId, out _))
        {
            throw new InvalidOperationException($"simulated crash reading {kind} page {query.PageIndex}");
        }

        List<MaileonTrackingEvent> matching;
        var list = rows.GetOrAdd(maileon.CompanyId, _ => []);
        lock (list)
        {
            matching = [.. list.Where(r => r.Kind == kind && r.Timestamp >= query.From && (query.To is null || r.Timestamp < query.To)
                                           && (kind != MaileonTrackingKind.Bounce || r.BounceType == query.BounceType))];
        }

        var pages = (int)Math.Ceiling(matching.Count / (double)query.PageSize);
        var items = matching.Skip((query.PageIndex - 1) * query.PageSize).Take(query.PageSize).ToList();
        return Task.FromResult(new MaileonTrackingPage(items, query.PageIndex, matching.Count, pages));
    }

    public Task<string?> SubjectAsync(MaileonConnection maileon, long mailingId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>($"Mailing number {mailingId}");
}
