using System.CommandLine;
using PipedriveMaileon.ServiceDefaults.Health;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// <c>PipedriveMaileon.Silo probe [--url URL]</c>: asks a running silo's <c>/health/ready</c> (by default the one on
/// this machine at <c>Health:Port</c>) and exits 0 when it is ready, 1 when not: a container healthcheck without curl.
/// </summary>
public static class ProbeCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url")
        {
            Description = "Health URL to ask; default http://127.0.0.1:{Health:Port}/health/ready from this process's configuration.",
        };
        var command = new Command(HealthProbe.CommandName, "Check whether the silo on this machine is ready (database reachable, active cluster member).")
        {
            url,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) =>
            HealthProbe.RunAsync(Target(parse.GetValue(url), [.. parse.UnmatchedTokens]), Console.Out, cancellationToken));
        return command;
    }

    private static Uri Target(string? url, string[] configurationArgs)
    {
        if (url is not null)
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var given)
                ? given
                : throw new InvalidOperationException($"--url '{url}' is not an absolute URL.");
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(configurationArgs)
            .Build();
        var health = configuration.GetSection(SiloHealthOptions.Section).Get<SiloHealthOptions>() ?? new SiloHealthOptions();
        return health.Port > 0
            ? health.ReadyUrl
            : throw new InvalidOperationException("Health:Port is not set, so the silo serves no health endpoint to probe; set it (e.g. Health__Port=8081) or pass --url.");
    }
}
