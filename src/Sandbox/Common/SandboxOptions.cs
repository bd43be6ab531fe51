using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>Configuration section <c>Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>Public base URL of the Pipedrive emulator (its OAuth server and its <c>api_domain</c>).</summary>
    [Required]
    public Uri PipedriveUrl { get; set; } = new("http://localhost:5101");

    /// <summary>Public base URL of the Maileon emulator; its API lives under <c>/1.0</c>.</summary>
    [Required]
    public Uri MaileonUrl { get; set; } = new("http://localhost:5102");

    /// <summary>
    /// Multiplies every waiting time the emulators model (webhook retries after 3/30/150 s, bans of 30 min, code
    /// expiry of 5 min, ...). 1 = real time; tests use e.g. 0.01.
    /// </summary>
    [Range(0.0001, 100)]
    public double TimeScale { get; set; } = 1.0;

    /// <summary>When set, state is loaded from and saved to this JSON file so a demo survives a restart.</summary>
    public string? SnapshotPath { get; set; }
}
