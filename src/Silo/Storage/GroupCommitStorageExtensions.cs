using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using PipedriveMaileon.Database.GrainState;

namespace PipedriveMaileon.Silo.Storage;

public static class GroupCommitStorageExtensions
{
    /// <summary>
    /// Registers <see cref="GroupCommitGrainStorage"/> as the grain storage <paramref name="name"/>: on the application's
    /// <see cref="NpgsqlDataSource"/>, with the System.Text.Json state serializer and <see cref="GroupCommitOptions"/>
    /// from the <c>GrainStorage</c> configuration section.
    /// </summary>
    public static ISiloBuilder AddGroupCommitGrainStorage(this ISiloBuilder silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddGrainStorage(name, (services, providerName) =>
        {
            var store = new PostgresGrainStateStore(services.GetRequiredService<NpgsqlDataSource>());
            return new GroupCommitGrainStorage(
                providerName,
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                store,
                new GroupCommitWriter(store, services.GetRequiredService<IOptions<GroupCommitOptions>>().Value),
                // JSON without CLR type names: renaming a state class or namespace does not orphan stored state.
                ActivatorUtilities.CreateInstance<SystemTextJsonGrainStorageSerializer>(services),
                services.GetRequiredService<IActivatorProvider>());
        });
        return silo;
    }
}
