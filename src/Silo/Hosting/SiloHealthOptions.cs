using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// Configuration section <c>Health</c> of a silo: the port of its own <c>/health/live</c> and <c>/health/ready</c>
/// listener for orchestrators (0 = off, the default). It listens on every interface, answers only <c>ok</c> or
/// <c>unavailable</c>, and is what <c>PipedriveMaileon.Silo probe</c> calls.
/// </summary>
public sealed class SiloHealthOptions
{
    public const string Section = "Health";

    [Range(0, 65535)]
    public int Port { get; set; }

    public Uri ReadyUrl => new($"http://127.0.0.1:{Port}{ServiceDefaults.Health.HealthChecksSetup.ReadyPath}");
}
