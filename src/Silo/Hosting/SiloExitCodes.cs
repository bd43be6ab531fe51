namespace PipedriveMaileon.Silo.Hosting;

/// <summary>The silo program's exit codes (listed in <c>--help</c> and the README).</summary>
public static class SiloExitCodes
{
    public const int Success = 0;

    /// <summary>A command line that does not parse, or <c>probe</c> found the silo not ready.</summary>
    public const int UsageOrUnhealthy = 1;

    /// <summary>Configuration missing or invalid, or the database unreachable: the operator's to fix.</summary>
    public const int ConfigurationOrDatabase = 2;

    /// <summary>The database lacks this build's migrations: run <c>migrate</c>.</summary>
    public const int SchemaNotMigrated = 3;

    public const string Summary =
        "Exit codes: 0 done (or stopped cleanly); 1 bad command line, or probe: not ready; " +
        "2 configuration missing or invalid, or database unreachable; 3 database not migrated (run migrate).";
}
