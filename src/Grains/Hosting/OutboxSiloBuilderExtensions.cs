using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Hosting;

public static class OutboxSiloBuilderExtensions
{
    /// <summary>
    /// Starts the cluster's outbox sweeper with the silo (idempotent), which wakes the grains of every registered
    /// outbox (<see cref="OutboxServiceCollectionExtensions.AddOutbox{TState, TWork, TCommand, TRules}"/>) whose stored
    /// work is overdue.
    /// </summary>
    public static ISiloBuilder AddOutboxSweeper(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().OutboxSweeper().Start());
        return silo;
    }
}
