namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>The answer to a seeding request: the manifest, or the status and reason it was refused.</summary>
public sealed record LivedInOutcome(int Status, string? Problem, LivedInManifest? Manifest)
{
    public static LivedInOutcome Refused(int status, string problem) => new(status, problem, null);
}
