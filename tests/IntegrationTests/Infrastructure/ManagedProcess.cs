using System.Collections.Concurrent;
using System.Diagnostics;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// One of our programs started as a real OS process (<c>dotnet X.dll</c>) with its own environment. Output is kept
/// for assertions and written to <c>TestResults/processes/</c> for diagnosis. Each output pipe is read on a thread of
/// its own, never on the thread pool: on Linux a pipe has no asynchronous read, so <c>BeginOutputReadLine</c> parks a
/// pool thread in a blocking read per pipe for the process's whole life (dotnet/runtime#81896). With a deployment or
/// two running (six to fourteen pipes) that left this test process's pool without a free thread until it injected
/// one, and every await in the tests (an HTTP answer, a timer) waited up to a second for it.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly StreamWriter log;
    private Task outputEnded = Task.CompletedTask;
    private bool logClosed;

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
        process.Start();
        managed.outputEnded = Task.WhenAll(
            managed.ReadLinesAsync(process.StandardOutput, "stdout"),
            managed.ReadLinesAsync(process.StandardError, "stderr"));
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
            await outputEnded.WaitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await process.WaitForExitAsync();
            await outputEnded;
        }
    }

    /// <summary>Waits for the exit and for the last line the process wrote, as <see cref="Process.WaitForExitAsync"/> does for event-read output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        await outputEnded.WaitAsync(cts.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        process.Dispose();
        lock (log)
        {
            logClosed = true;
        }

        await log.DisposeAsync();
    }

    /// <summary>Reads <paramref name="pipe"/> to its end on a dedicated background thread; the task ends with the pipe.</summary>
    private Task ReadLinesAsync(StreamReader pipe, string stream)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = new Thread(() =>
        {
            try
            {
                while (pipe.ReadLine() is { } line)
                {
                    Append(line);
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                // The process object was disposed while a child of the process still held the pipe open.
            }

            ended.SetResult();
        })
        {
            IsBackground = true,
            Name = $"{Name} {stream}",
        };
        reader.Start();
        return ended.Task;
    }

    private void Append(string line)
    {
        output.Enqueue(line);
        while (output.Count > 5000 && output.TryDequeue(out _))
        {
        }

        lock (log)
        {
            if (!logClosed)
            {
                log.WriteLine(line);
            }
        }
    }
}
