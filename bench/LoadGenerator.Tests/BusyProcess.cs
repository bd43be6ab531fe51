using System.Diagnostics;

namespace PipedriveMaileon.LoadGenerator.Tests;

/// <summary>A child process that spins on a core until disposed: a stand-in for a service whose CPU the bench reads.</summary>
public sealed class BusyProcess : IDisposable
{
    private readonly Process process = Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]))!;

    public int Id => process.Id;

    public void Dispose()
    {
        process.Kill();
        process.Dispose();
    }
}
