using System.Globalization;
using Npgsql;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// What the system spent, read from its own statistics: grain activations created (Orleans' counter on the silos'
/// Prometheus listeners), PostgreSQL transactions and rows read in the app's database (<c>pg_stat_database</c>), and
/// the web node's resident memory (<c>/proc</c>).
/// </summary>
public sealed record CostCounters(long Activations, long Transactions, long RowsReturned, long WebRssBytes)
{
    public static async Task<CostCounters> ReadAsync(SandboxDeployment deployment, IReadOnlyList<Uri> siloMetrics)
    {
        // Backends report their statistics at most once a second while busy: let the last second's arrive.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        long activations = 0;
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            foreach (var endpoint in siloMetrics)
            {
                var text = await http.GetStringAsync(endpoint);
                activations += PrometheusText.Lines(text, "orleans_catalog_activation_created").Sum(l => (long)PrometheusText.Value(l));
            }
        }

        await using var connection = new NpgsqlConnection(deployment.Cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit + xact_rollback, tup_returned FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new CostCounters(activations, reader.GetInt64(0), reader.GetInt64(1), WebRss(deployment));
    }

    public static long WebRss(SandboxDeployment deployment)
    {
        var line = File.ReadLines($"/proc/{deployment.Web.Process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public static CostCounters operator -(CostCounters after, CostCounters before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        return new CostCounters(after.Activations - before.Activations, after.Transactions - before.Transactions,
            after.RowsReturned - before.RowsReturned, after.WebRssBytes - before.WebRssBytes);
    }

    public override string ToString() =>
        $"{Activations} activations, {Transactions} PostgreSQL transactions, {RowsReturned} rows returned, web RSS {WebRssBytes / 1024 / 1024.0:0.0} MiB";
}
