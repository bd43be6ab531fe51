using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PipedriveMaileon.Database.Connections;

/// <summary>Reads and checks <c>ConnectionStrings:Orleans</c>, the one database every process shares.</summary>
public static class DatabaseConfiguration
{
    public const string ConnectionStringName = "Orleans";

    /// <summary>Returns the connection string or throws with a message that says how to provide it.</summary>
    public static string GetRequiredConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Orleans is not set. Set it to a PostgreSQL connection string, e.g. the environment " +
                "variable ConnectionStrings__Orleans=\"Host=localhost;Port=5432;Database=pipedrive_maileon;Username=...;" +
                "Password=...;Maximum Pool Size=40\", or start everything with ./run.sh, which runs a local PostgreSQL.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:Orleans is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }

        return value;
    }
}
