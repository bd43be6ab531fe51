using PipedriveMaileon.Database.Schema;

namespace PipedriveMaileon.Silo.Hosting;

/// <summary>
/// Refuses to start the silo against a database that lacks this build's migrations. Registered before Orleans, so
/// it runs first: a half-initialised schema would otherwise surface as obscure provider errors.
/// </summary>
public sealed class SchemaGate(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.EnsureUpToDateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
