using System.Collections.Concurrent;
using System.Diagnostics;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// One of our programs started as a real OS process (<c>dotnet X.dll</c>) with its own environment. Output is kept
/// for assertions and written to <c>TestResults/processes/</c> for diagnosis.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly StreamWriter log;

    private ManagedProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        this.process = process;
        this.log = log;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public IReadOnlyCollection<string> Output => output;

    public string OutputText => string.Join('\n', output);

    public static ManagedProcess Start(string name, string project, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(RepositoryLayout.Program(project))!,
        };
        info.ArgumentList.Add(RepositoryLayout.Program(project));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Only what the test passes, plus what dotnet itself needs: no developer settings leak in.
        info.Environment.Remove("ConnectionStrings__Orleans");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var folder = Path.Combine(RepositoryLayout.Root, "TestResults", "processes");
        Directory.CreateDirectory(folder);
        var log = new StreamWriter(Path.Combine(folder, $"{DateTime.UtcNow:HHmmss}-{name}-{Guid.NewGuid():N}"[..40] + ".log")) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process, log);
        process.OutputDataReceived += (_, e) => managed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a crash.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>SIGTERM and wait: the graceful stop an orchestrator performs.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await process.WaitForExitAsync();
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        process.Dispose();
        await log.DisposeAsync();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 5000 && output.TryDequeue(out _))
        {
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
