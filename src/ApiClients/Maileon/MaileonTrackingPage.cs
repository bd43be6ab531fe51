namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>A page of an engagement report with Maileon's <c>X-Items</c>/<c>X-Pages</c> totals when sent.</summary>
public sealed record MaileonTrackingPage(IReadOnlyList<MaileonTrackingEvent> Items, int PageIndex, long? TotalItems, int? TotalPages)
{
    /// <summary>Whether another page follows; without totals, a full page is taken to mean "maybe".</summary>
    public bool HasMore(int pageSize) => TotalPages is { } pages ? PageIndex < pages : Items.Count >= pageSize;
}
