namespace PipedriveMaileon.Grains.Reconciliation;

/// <summary>One page to read: changes after <see cref="Since"/> (null: from the beginning), at most up to <see cref="Until"/>.</summary>
public sealed record ScanRequest(DateTimeOffset? Since, DateTimeOffset Until, int PageIndex, string? Cursor);
