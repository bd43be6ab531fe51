using System.CommandLine;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// The silo program's command line: no command runs a silo until stopped; <c>migrate</c> and <c>probe</c> are one-shot.
/// Arguments it does not know (<c>--Orleans:SiloPort=11112</c>) are configuration, as for any .NET host.
/// </summary>
public static class SiloCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "PipedriveMaileon silo: hosts the grains on PostgreSQL (ADO.NET clustering, grain state, reminders) until " +
            "stopped (SIGTERM or Ctrl-C hands its grains over within Orleans:ShutdownTimeoutSeconds). Configuration comes " +
            "from appsettings.json, environment variables (Section__Key) and --Section:Key=value arguments; see the " +
            "README's configuration table. " + SiloExitCodes.Summary)
        {
            MigrateCommand.Create(),
            ProbeCommand.Create(),
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(async (parse, _) =>
        {
            using var host = SiloHostBuilder.Build([.. parse.UnmatchedTokens]);
            await host.RunAsync();
            return SiloExitCodes.Success;
        });
        return root;
    }

    /// <summary>
    /// Host settings with the program's own folder as content root, so its appsettings.json (log levels, ports) is
    /// read wherever the program is started from (./run.sh starts it from the repository root).
    /// </summary>
    public static HostApplicationBuilderSettings HostSettings(string[] args) =>
        new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    /// <summary>
    /// Exceptions reach the caller (which turns operator errors into exit codes); signals are left to the host, whose
    /// graceful shutdown must not be cut short.
    /// </summary>
    public static InvocationConfiguration Invocation { get; } = new()
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = null,
    };
}
