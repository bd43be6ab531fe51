namespace PipedriveMaileon.Grains.Engagement;

/// <summary>One planned write of a timeline entry: kind, target, the existing entry's id, the content and its digest.</summary>
public sealed record EngagementWrite(EngagementWriteKind Kind, EngagementTarget Target, long? PipedriveId, string Subject, string Body, string Digest);
