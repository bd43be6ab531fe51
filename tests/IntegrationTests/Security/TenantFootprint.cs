using System.Text;
using Npgsql;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// Everything a request for one company could have changed, read from the real stores: its grain state rows in
/// OrleansStorage (tenant grain and every person, deal and address grain of the company), its activity log and consent ledger
/// rows, the Maileon requests made with its API key (sandbox journal) and the Pipedrive API calls charged to it
/// (sandbox counters). Two equal footprints mean nothing changed.
/// </summary>
public sealed record TenantFootprint(
    long GrainRows,
    long GrainVersions,
    long ActivityRows,
    long LedgerRows,
    int MaileonRequests,
    long PipedriveCalls)
{
    public static async Task<TenantFootprint> ReadAsync(SandboxDeployment deployment, long companyId, string? maileonApiKey)
    {
        await using var connection = new NpgsqlConnection(deployment.Cluster.ConnectionString);
        await connection.OpenAsync();

        // Person and deal grains carry the company id as key extension; the tenant grain is keyed by it alone; address
        // grains by it with the address as extension.
        await using var grains = new NpgsqlCommand(
            """
            SELECT count(*), coalesce(sum(version), 0) FROM orleansstorage
             WHERE grainidextensionstring = @company::text
                OR (grainidextensionstring IS NULL AND (grainidn1 = @company OR grainidn0 = @company))
                OR (graintypestring = 'address' AND grainidn1 = @company)
            """,
            connection);
        grains.Parameters.AddWithValue("company", companyId);
        long rows, versions;
        await using (var reader = await grains.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            rows = reader.GetInt64(0);
            versions = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        var activity = await CountAsync(connection, "SELECT count(*) FROM activity_log WHERE company_id = @company", companyId);
        var ledger = await CountAsync(connection, "SELECT count(*) FROM consent_ledger WHERE company_id = @company", companyId);

        var maileon = 0;
        if (maileonApiKey is not null)
        {
            var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(maileonApiKey));
            maileon = (await SandboxJournal.EntriesAsync(deployment.Sandbox, "maileon"))
                .Count(e => e["headers"]?["Authorization"]?.GetValue<string>() == basic);
        }

        var counters = await deployment.Sandbox.ControlGetAsync("pipedrive", $"counters?companyId={companyId}");
        return new TenantFootprint(rows, versions, activity, ledger, maileon, (long)counters!["totalCalls"]!);
    }

    /// <summary>Waits until the company's footprint holds still for a second (setup and echoes are through).</summary>
    public static async Task<TenantFootprint> SettledAsync(SandboxDeployment deployment, long companyId, string? maileonApiKey)
    {
        var previous = await ReadAsync(deployment, companyId, maileonApiKey);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var now = await ReadAsync(deployment, companyId, maileonApiKey);
            if (now == previous)
            {
                return now;
            }

            previous = now;
        }

        throw new TimeoutException($"company {companyId} kept changing: {previous}");
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql, long companyId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("company", companyId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
