using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Database.Outbox;
using PipedriveMaileon.Database.Tenants;
using PipedriveMaileon.Database.Schema;

namespace PipedriveMaileon.Database.Connections;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers one pooled <see cref="NpgsqlDataSource"/> for our own tables and the schema migrator, through Npgsql's
    /// DI package so its logs go to the host's logging.
    /// </summary>
    public static IServiceCollection AddApplicationDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = DatabaseConfiguration.GetRequiredConnectionString(configuration);
        services.AddNpgsqlDataSource(connectionString);
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<JournalReader>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantIngressStore>();
        services.AddSingleton<OutboxBacklogRepository>();
        return services;
    }
}
