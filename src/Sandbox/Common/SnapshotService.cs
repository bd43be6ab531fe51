using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>Loads the emulators' state from <see cref="SandboxOptions.SnapshotPath"/> at start and saves it periodically and at stop.</summary>
public sealed class SnapshotService(
    IOptions<SandboxOptions> options,
    IEnumerable<IEmulatorState> states,
    ILogger<SnapshotService> logger) : BackgroundService
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(5);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.SnapshotPath;
        if (!string.IsNullOrEmpty(path) && File.Exists(path))
        {
            var root = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))?.AsObject();
            foreach (var state in states)
            {
                if (root?[EmulatorRouting.Segment(state.Emulator)] is { } snapshot)
                {
                    state.Import(snapshot);
                }
            }

            logger.LogInformation("Sandbox state restored from {SnapshotPath}", path);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await SaveAsync(CancellationToken.None);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.SnapshotPath))
        {
            return;
        }

        using var timer = new PeriodicTimer(SaveInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SaveAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.SnapshotPath;
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var root = new JsonObject();
        foreach (var state in states)
        {
            root[EmulatorRouting.Segment(state.Emulator)] = state.Export();
        }

        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
