namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>One page of <c>GET /api/v1/notes</c>; <see cref="NextStart"/> is null on the last page.</summary>
public sealed record PipedriveNotePage(IReadOnlyList<PipedriveNote> Items, long? NextStart);
