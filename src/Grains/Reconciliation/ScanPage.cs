namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>One page a source returned; <see cref="NextCursor"/> for cursor-paged sources.</summary>
public sealed record ScanPage<T>(IReadOnlyList<T> Items, bool HasMore, string? NextCursor = null);
