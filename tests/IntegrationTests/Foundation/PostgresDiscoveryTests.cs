using System.Diagnostics;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// How <c>./run.sh</c>, <c>./test.sh</c> and <c>./bench.sh</c> find PostgreSQL's server programs
/// (<c>scripts/postgres.sh</c>): sourced by bash with an empty environment and a PATH that holds nothing, against fake
/// file-system trees laid out the way Debian, PGDG RPMs and Homebrew install them.
/// </summary>
public sealed class PostgresDiscoveryTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("pm-pg-layout-").FullName;
    private readonly string emptyPath;

    public PostgresDiscoveryTests()
    {
        emptyPath = Directory.CreateDirectory(Path.Combine(root, "empty-path")).FullName;
    }

    [Fact]
    public async Task Debian_layout_off_path_is_found_highest_complete_version_first()
    {
        ServerAt("usr/lib/postgresql/9.6/bin");
        ServerAt("usr/lib/postgresql/13/bin");
        var expected = ServerAt("usr/lib/postgresql/16/bin");
        // A client-only install (postgresql-client-17) has psql but no server: it must be passed over.
        Program("usr/lib/postgresql/17/bin", "psql");

        var (status, output) = await RequireBinariesAsync(emptyPath);

        Assert.True(status == 0, output);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Rpm_and_homebrew_layouts_compete_by_version_with_debian()
    {
        ServerAt("usr/lib/postgresql/13/bin");
        ServerAt("usr/pgsql-14/bin");
        var expected = ServerAt("opt/homebrew/opt/postgresql@15/bin");

        var (status, output) = await RequireBinariesAsync(emptyPath);

        Assert.True(status == 0, output);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Programs_on_path_win_over_every_layout()
    {
        ServerAt("usr/lib/postgresql/17/bin");
        var onPath = ServerAt("custom/pg/bin");

        var (status, output) = await RequireBinariesAsync(onPath);

        Assert.True(status == 0, output);
        Assert.Equal(onPath, output.Trim());
    }

    [Fact]
    public async Task Nothing_found_fails_and_names_the_fix()
    {
        Program("usr/lib/postgresql/16/bin", "psql");

        var (status, output) = await RequireBinariesAsync(emptyPath);

        Assert.NotEqual(0, status);
        Assert.Contains("initdb, pg_ctl, postgres", output, StringComparison.Ordinal);
        Assert.Contains("Fix: ", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Orleans", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task This_machine_s_server_is_found_with_only_usr_bin_and_bin_on_path()
    {
        // The tests run against a PostgreSQL that ./test.sh started, so this machine has the server somewhere.
        var (status, output) = await RequireBinariesAsync("/usr/bin:/bin", realRoot: true);

        Assert.True(status == 0, output);
        Assert.True(File.Exists(Path.Combine(output.Trim(), "initdb")), output);
        Assert.True(File.Exists(Path.Combine(output.Trim(), "postgres")), output);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string ServerAt(string relative)
    {
        foreach (var name in new[] { "initdb", "pg_ctl", "postgres" })
        {
            Program(relative, name);
        }

        return Path.Combine(root, relative);
    }

    private void Program(string relative, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, relative)).FullName;
        var file = Path.Combine(folder, name);
        File.WriteAllText(file, "#!/bin/sh\nexit 0\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The scripts and these layouts are for Unix-like systems.");
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Sources the script in a bash whose environment holds only PATH and, unless <paramref name="realRoot"/>, the fake
    /// root; returns its exit status and what it printed (the chosen folder, or why there is none).
    /// </summary>
    private async Task<(int Status, string Output)> RequireBinariesAsync(string path, bool realRoot = false)
    {
        var script = Path.Combine(RepositoryLayout.Root, "scripts", "postgres.sh");
        var info = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"set -euo pipefail; source '{script}'; pg_require_binaries; echo \"$PG_BINDIR\"");
        info.Environment.Clear();
        info.Environment["PATH"] = path;
        if (!realRoot)
        {
            info.Environment["PG_SEARCH_ROOT"] = root;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
