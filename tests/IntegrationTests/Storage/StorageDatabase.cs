using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PipedriveMaileon.Database.GrainState;
using PipedriveMaileon.Database.Schema;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using PipedriveMaileon.Silo.Storage;

namespace PipedriveMaileon.IntegrationTests.Storage;

/// <summary>
/// A migrated database of its own, with our grain storage on it and, for the compatibility test, Orleans' own ADO.NET
/// provider configured as the silo configured it before (same service, System.Text.Json payloads).
/// </summary>
public sealed class StorageDatabase : IAsyncLifetime
{
    public const string ServiceId = "storage-tests";

    private ServiceProvider? services;

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public PostgresGrainStateStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("storage");
        DataSource = NpgsqlDataSource.Create(PipedriveMaileon.Database.Connections.DatabaseConfiguration.Tune(ConnectionString));
        await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        Store = new PostgresGrainStateStore(DataSource);
        services = new ServiceCollection().AddSerializer().AddOptions().BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>Our provider, on a writer whose calls are counted by <paramref name="calls"/> (when given).</summary>
    public (GroupCommitGrainStorage Storage, GroupCommitWriter Writer) NewStorage(CountingExecutor? calls = null, GroupCommitOptions? options = null)
    {
        var writer = new GroupCommitWriter((IGrainStateWriteExecutor?)calls ?? Store, options ?? new GroupCommitOptions());
        return (new GroupCommitGrainStorage("store", ServiceId, Store, writer, Serializer(), Activators), writer);
    }

    /// <summary>Orleans' ADO.NET provider, started as a silo starts it.</summary>
    public async Task<AdoNetGrainStorage> OrleansProviderAsync()
    {
        var provider = new AdoNetGrainStorage(
            Activators,
            NullLogger<AdoNetGrainStorage>.Instance,
            Options.Create(new AdoNetGrainStorageOptions { Invariant = "Npgsql", ConnectionString = ConnectionString, GrainStorageSerializer = Serializer() }),
            Options.Create(new ClusterOptions { ClusterId = "storage-tests", ServiceId = ServiceId }),
            "store");
        var lifecycle = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        provider.Participate(lifecycle);
        await lifecycle.OnStart();
        return provider;
    }

    public static GrainId Person(long personId, long companyId) =>
        GrainId.Create(GrainType.Create("contact"), GrainIdKeyExtensions.CreateIntegerKey(personId, companyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public async Task<(int Version, int? Sequence)?> RowAsync(GrainStateKey key)
    {
        var row = await Store.ReadAsync(key, CancellationToken.None);
        if (row is null)
        {
            return null;
        }

        var state = row.Payload is null ? null : Serializer().Deserialize<CounterState>(new BinaryData(row.Payload));
        return (row.Version, state?.Sequence);
    }

    private IActivatorProvider Activators => services!.GetRequiredService<IActivatorProvider>();

    private SystemTextJsonGrainStorageSerializer Serializer() => ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services!);
}
