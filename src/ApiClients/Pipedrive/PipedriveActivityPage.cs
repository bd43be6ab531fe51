namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>One page of <c>GET /api/v2/activities</c>; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record PipedriveActivityPage(IReadOnlyList<PipedriveActivity> Items, string? NextCursor);
