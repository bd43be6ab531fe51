using System.ComponentModel.DataAnnotations;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// Configuration section <c>Orleans</c>: where this silo listens. Several silos on one machine need distinct
/// ports; in containers set <see cref="AdvertisedAddress"/> to the address peers reach this silo at.
/// </summary>
public sealed class SiloEndpointOptions
{
    public const string Section = "Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port external clients (the web front end) connect to; 0 = this silo is no gateway.</summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>IP address announced to the cluster; default: loopback for local runs.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Listen on all interfaces (containers) instead of only the advertised address.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>How long a stopping silo may take to hand over its grains before it exits.</summary>
    [Range(1, 600)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}
