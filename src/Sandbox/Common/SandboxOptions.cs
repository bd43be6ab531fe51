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

    /// <summary>
    /// Where the app is reached from the sandbox when that differs from its public URL (containers: the browser's
    /// <c>http://localhost:5000</c> is the sandbox itself there). Webhooks and the uninstall notice addressed to the
    /// app's public origin (<c>Sandbox:Pipedrive:AppUrl</c>, else <c>RedirectUri</c>'s) are delivered here instead, as a
    /// network route would; their path, query and credentials stay as registered. Unset: delivered as addressed.
    /// </summary>
    public Uri? AppInternalUrl { get; set; }

    /// <summary>When set, state is loaded from and saved to this JSON file so a demo survives a restart.</summary>
    public string? SnapshotPath { get; set; }
}
