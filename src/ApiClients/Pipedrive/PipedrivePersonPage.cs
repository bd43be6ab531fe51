namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>One page of <c>GET /api/v2/persons</c>; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record PipedrivePersonPage(IReadOnlyList<PipedrivePerson> Items, string? NextCursor);
