using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PipedriveMaileon.Database.Outbox;
using PipedriveMaileon.Grains.Interfaces.Hosting;
using PipedriveMaileon.Grains.Hosting;

namespace PipedriveMaileon.Grains.Outbox;

[GrainType(GrainTypes.OutboxSweeper)]
public sealed partial class OutboxSweeperGrain(
    OutboxBacklogRepository backlog,
    IEnumerable<OutboxRegistration> outboxes,
    IOptions<ClusterOptions> cluster,
    ILogger<OutboxSweeperGrain> logger) : Grain, IOutboxSweeperGrain, IRemindable
{
    private const string ReminderName = "sweep";
    private const int BatchSize = 500;
    private const int ParallelWakes = 16;

    /// <summary>Work less overdue than this is left to the grain's own timer.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>Every outbox grain type by its state name, which is its grain type name (<see cref="OutboxAttribute"/>).</summary>
    private readonly Dictionary<string, OutboxRegistration> targetsByState = outboxes.ToDictionary(o => o.GrainType);

    public async Task Start() => await this.RegisterOrUpdateReminder(ReminderName, Period, Period);

    public Task<int> SweepNow() => SweepAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => SweepAsync();

    private async Task<int> SweepAsync()
    {
        var overdue = await backlog.FindOverdueAsync(cluster.Value.ServiceId, Grace, BatchSize, CancellationToken.None);
        var woken = 0;
        foreach (var chunk in overdue.Chunk(ParallelWakes))
        {
            var wakes = chunk
                .Where(g => targetsByState.ContainsKey(g.StateName))
                .Select(async g =>
                {
                    var grainId = targetsByState[g.StateName].ToGrainId(g.KeyN1, g.KeyExtension);
                    try
                    {
                        await GrainFactory.GetGrain<IOutboxParticipant>(grainId).Wake();
                        Interlocked.Increment(ref woken);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        LogWakeFailed(ex, grainId);
                    }
                });
            await Task.WhenAll(wakes);
        }

        if (woken > 0)
        {
            LogSwept(woken);
        }

        return woken;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox sweep woke {Count} grain(s) with overdue work")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake {GrainId}")]
    private partial void LogWakeFailed(Exception exception, GrainId grainId);
}
