using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using PipedriveMaileon.Database.Connections;
using PipedriveMaileon.Database.DataProtection;
using PipedriveMaileon.Grains.Hosting;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.ServiceDefaults;
using PipedriveMaileon.Silo.GrainLocations;
using PipedriveMaileon.Silo.Storage;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>Builds the silo host: ADO.NET clustering, grain storage and reminders on PostgreSQL.</summary>
public static class SiloHostBuilder
{
    /// <summary>Grain locations cached per silo: the grains a busy silo talks to within minutes, not all it ever saw.</summary>
    public const int DirectoryCacheSize = 100_000;

    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(SiloCommandLine.HostSettings(args));
        var configuration = builder.Configuration;
        var connectionString = DatabaseConfiguration.GetRequiredConnectionString(configuration);
        var endpoints = configuration.GetSection(SiloEndpointOptions.Section).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
        var reporting = configuration.GetSection(SiloEndpointOptions.Section).Get<SiloReportingOptions>() ?? new SiloReportingOptions();
        Validate(endpoints);
        Validate(reporting);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(endpoints.ShutdownTimeoutSeconds));
        builder.AddServiceDefaults(SiloTelemetry.Profile(configuration)).AddSiloHealth(configuration);
        builder.Services.AddApplicationDatabase(configuration);
        builder.Services.AddGrainServices(configuration);
        builder.Services.AddSharedDataProtection(configuration);
        builder.Services.AddHostedService<SchemaGate>();
        // Stored state leaves out what a fresh instance holds anyway (empty collections, zero values).
        builder.Services.Configure<Orleans.Serialization.SystemTextJsonGrainStorageSerializerOptions>(o => CompactStateJson.Apply(o.JsonSerializerOptions));
        // Orleans' grain-location cache keeps up to 1,000,000 entries (~235 B each, buckets allocated up front), and
        // an entry outlives its activation (a grain that deactivates after its last call is not removed): a person's
        // and its address's entries stayed for every person a silo ever served. Bounded to the hot set instead.
        // (Not under Orleans:GrainDirectory: Orleans reads that section as directory providers.)
        var directoryCacheSize = configuration.GetValue($"{SiloEndpointOptions.Section}:DirectoryCacheSize", DirectoryCacheSize);
        if (!GrainLocationCache.Allows(directoryCacheSize))
        {
            throw new OptionsValidationException(SiloEndpointOptions.Section, typeof(GrainDirectoryOptions),
                [$"Orleans:DirectoryCacheSize {directoryCacheSize}: {GrainLocationCache.CapacityRule}."]);
        }

        builder.Services.AddGrainLocationCache(directoryCacheSize);
        builder.Services.Configure<DeploymentLoadPublisherOptions>(o => o.DeploymentLoadPublisherRefreshTime = TimeSpan.FromSeconds(reporting.LoadPublishSeconds));

        builder.UseOrleans(silo =>
        {
            var advertised = AdvertisedAddress(endpoints);
            silo.ConfigureEndpoints(advertised, endpoints.SiloPort, endpoints.GatewayPort, endpoints.ListenOnAnyHostAddress);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = ClusterIdentity.AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            silo.AddGroupCommitGrainStorage(ClusterIdentity.StorageProvider);
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = ClusterIdentity.AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            // Serves the dashboard's data to the web front end, which hosts its pages behind operator login.
            silo.AddDashboard(o =>
            {
                o.HideTrace = true;
                o.CounterUpdateIntervalMs = reporting.DashboardCounterSeconds * 1000;
            });
            silo.AddActivityPropagation();
            silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
            silo.AddOutboxSweeper();
        });

        return builder.Build();
    }

    /// <summary>
    /// The configured address; otherwise, when listening on all interfaces (containers), this host's first IPv4
    /// address so peers in other containers can reach it; otherwise loopback (local runs).
    /// </summary>
    private static IPAddress AdvertisedAddress(SiloEndpointOptions endpoints)
    {
        if (endpoints.AdvertisedAddress is { Length: > 0 } configured)
        {
            return IPAddress.Parse(configured);
        }

        if (endpoints.ListenOnAnyHostAddress)
        {
            return Dns.GetHostAddresses(Dns.GetHostName())
                .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
                ?? IPAddress.Loopback;
        }

        return IPAddress.Loopback;
    }

    private static void Validate<TOptions>(TOptions options) where TOptions : class
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(SiloEndpointOptions.Section, typeof(TOptions), results.Select(r => $"Orleans:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (options is SiloEndpointOptions endpoints && endpoints.AdvertisedAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
        {
            throw new OptionsValidationException(SiloEndpointOptions.Section, typeof(SiloEndpointOptions), [$"Orleans:AdvertisedAddress '{address}' is not an IP address."]);
        }
    }
}
