using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PipedriveMaileon.Database.DataProtection;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>The application name every process shares, so what one node protects another can unprotect.</summary>
    public const string ApplicationName = "PipedriveMaileon";

    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in PostgreSQL, encrypted at rest with the master key.
    /// Keys rotate automatically (90 days by default); old keys stay readable.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var masterKey = MasterKey.Parse(configuration[MasterKey.ConfigurationKey]);
        services.AddSingleton(masterKey);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
            {
                options.XmlRepository = new PostgresXmlRepository(provider.GetRequiredService<NpgsqlDataSource>());
                options.XmlEncryptor = new MasterKeyXmlEncryptor(masterKey);
            }));
        return services;
    }
}
