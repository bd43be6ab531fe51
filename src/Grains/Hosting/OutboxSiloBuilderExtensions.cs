using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Outbox;

namespace PipedriveMaileon.Grains.Hosting;

public static class OutboxSiloBuilderExtensions
{
    /// <summary>
    /// Starts the cluster's outbox sweeper once the silo is active (idempotent, retried: <see cref="OutboxSweeperStarter"/>),
    /// which wakes the grains of every registered outbox
    /// (<see cref="OutboxServiceCollectionExtensions.AddOutbox{TState, TWork, TCommand, TRules}"/>) whose stored work is
    /// overdue.
    /// </summary>
    public static ISiloBuilder AddOutboxSweeper(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<OutboxSweeperStarter>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<OutboxSweeperStarter>());
        return silo;
    }
}
