namespace PipedriveMaileon.Sandbox.Common;

/// <summary>One request an emulator received, as it came over the wire, with the status it was answered with.</summary>
public sealed record RecordedRequest(
    long Sequence,
    EmulatorKind Emulator,
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    double DurationMs);
