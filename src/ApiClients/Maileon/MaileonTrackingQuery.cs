namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// A page of an engagement report: rows from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive), of the
/// given mailings when any. <see cref="ExcludeAnonymous"/> is Maileon's default: rows it cannot tie to a contact are
/// left out. <see cref="BounceType"/> (<c>permanent</c>, <c>transient</c>) narrows the bounces report.
/// </summary>
public sealed record MaileonTrackingQuery(
    DateTimeOffset From,
    DateTimeOffset? To = null,
    IReadOnlyList<long>? MailingIds = null,
    int PageIndex = 1,
    int PageSize = 1000,
    bool ExcludeAnonymous = true,
    string? BounceType = null);
