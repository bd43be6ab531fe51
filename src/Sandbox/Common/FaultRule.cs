namespace PipedriveMaileon.Sandbox.Common;

/// <summary>
/// A fault to inject into matching requests of one emulator. A request matches when the method matches (null = any)
/// and the path matches <see cref="PathPattern"/> (a regular expression, anchored by the caller if needed).
/// The first <see cref="SkipFirst"/> matching calls pass untouched; then the fault applies to the next
/// <see cref="Times"/> matching calls (null = every call until removed).
/// </summary>
public sealed record FaultRule
{
    public string? Id { get; init; }
    public EmulatorKind Emulator { get; init; }
    public string? Method { get; init; }
    public string PathPattern { get; init; } = ".*";
    public int SkipFirst { get; init; }
    public int? Times { get; init; }

    /// <summary>Answer with this status instead of calling the emulator (null = call through after the latency).</summary>
    public int? Status { get; init; }

    /// <summary>Body of the injected answer; when null, the emulator's own error format for that status is used.</summary>
    public string? Body { get; init; }

    public string? ContentType { get; init; }
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Delay before answering (applies to injected answers and to calls passed through).</summary>
    public int LatencyMs { get; init; }

    /// <summary>Abort the connection without an answer (a reset, as seen by the client).</summary>
    public bool DropConnection { get; init; }

    /// <summary>Extra response headers to add (e.g. rate-limit headers).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
