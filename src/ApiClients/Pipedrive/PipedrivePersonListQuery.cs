namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// Parameters of <c>GET /api/v2/persons</c> for reconciliation: persons changed since a time, oldest change first.
/// </summary>
/// <param name="UpdatedSince">Sent as RFC 3339 UTC (<c>updated_since</c>); null lists everyone.</param>
/// <param name="Cursor">The <c>next_cursor</c> of the previous page.</param>
/// <param name="Limit">Page size, 1..500.</param>
public sealed record PipedrivePersonListQuery(DateTimeOffset? UpdatedSince = null, string? Cursor = null, int Limit = 100)
{
    public const int MaxLimit = 500;
}
