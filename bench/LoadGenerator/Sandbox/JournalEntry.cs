namespace PipedriveMaileon.LoadGenerator.Sandbox;

/// <summary>One request from an emulator's journal (the fields the bench uses).</summary>
public sealed record JournalEntry(long Sequence, DateTimeOffset ReceivedAt, string Method, string Path, string QueryString, string Body, int Status);
