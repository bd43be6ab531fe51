using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PipedriveMaileon.Database.DataProtection;
using PipedriveMaileon.Database.Schema;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// A production-shaped deployment made of real processes on 127.0.0.1: a fresh migrated database, any number of
/// silos and web front ends. Each silo gets its own ports; all share the database and the master key.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    public const string OperatorUser = "operator";
    public const string OperatorPassword = "integration-test-operator";

    private readonly List<ManagedProcess> processes = [];
    private readonly Dictionary<string, string?> extraEnvironment = [];

    private ProcessCluster(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string MasterKey { get; } = Database.DataProtection.MasterKey.Generate();

    public IReadOnlyList<ManagedProcess> Processes => processes;

    public static async Task<ProcessCluster> CreateAsync(string purpose)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(purpose);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return new ProcessCluster(connectionString);
    }

    /// <summary>Adds configuration for every process started afterwards (environment variable syntax, <c>A__B</c>).</summary>
    public ProcessCluster With(string key, string? value)
    {
        extraEnvironment[key] = value;
        return this;
    }

    public async Task<ManagedProcess> StartSiloAsync(string name)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var silo = ManagedProcess.Start(name, "Silo", Environment(new()
        {
            ["Orleans__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        processes.Add(silo);
        await Eventually.TrueAsync(
            async () => await IsActiveAsync(siloPort),
            TimeSpan.FromSeconds(60),
            () => $"silo {name} did not become active:\n{silo.OutputText}",
            () => silo.HasExited);
        return silo;
    }

    /// <summary>A URL for a web node started later (when others, like the sandbox, must know it first).</summary>
    public static Uri ReserveWebUrl() => new($"http://127.0.0.1:{FreePorts.Next()}");

    /// <param name="settings">Configuration for this node only (on top of the cluster's).</param>
    public async Task<WebNode> StartWebAsync(string name, Uri? reservedUrl = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var url = (reservedUrl ?? ReserveWebUrl()).ToString().TrimEnd('/');
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = url,
            ["App__PublicBaseUrl"] = url,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var web = ManagedProcess.Start(name, "Web", Environment(environment));
        processes.Add(web);
        var node = new WebNode(web, new Uri(url));
        await Eventually.TrueAsync(
            async () => (await node.Http.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            () => $"web {name} did not become ready:\n{web.OutputText}",
            () => web.HasExited);
        return node;
    }

    public ManagedProcess StartProgram(string name, string project, Dictionary<string, string?> environment, params string[] arguments)
    {
        var process = ManagedProcess.Start(name, project, Environment(environment), arguments);
        processes.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        // Web first, then silos in parallel: the order an orchestrator uses.
        foreach (var process in processes.Where(p => p.Name.StartsWith("web", StringComparison.Ordinal)))
        {
            await process.DisposeAsync();
        }

        await Task.WhenAll(processes.Where(p => !p.Name.StartsWith("web", StringComparison.Ordinal)).Select(p => p.DisposeAsync().AsTask()));
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    private Dictionary<string, string?> Environment(Dictionary<string, string?> specific)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Orleans"] = ConnectionString,
            ["Secrets__MasterKey"] = MasterKey,
            ["Operator__Username"] = OperatorUser,
            ["Operator__Password"] = OperatorPassword,
            ["Pipedrive__ClientId"] = "integration-test-app",
            ["Pipedrive__ClientSecret"] = "integration-test-secret",
        };
        foreach (var (key, value) in extraEnvironment)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in specific)
        {
            environment[key] = value;
        }

        return environment;
    }

    private async Task<bool> IsActiveAsync(int siloPort) =>
        await TestPostgres.ScalarAsync<long>(ConnectionString,
            $"SELECT count(*) FROM orleansmembershiptable WHERE port = {siloPort} AND status = 3") == 1;

    /// <summary>A running web front end and an HTTP client pointed at it (operator credentials attached).</summary>
    public sealed class WebNode(ManagedProcess process, Uri baseAddress)
    {
        public ManagedProcess Process { get; } = process;

        public Uri BaseAddress { get; } = baseAddress;

        public HttpClient Http { get; } = new()
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestHeaders =
            {
                Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{OperatorUser}:{OperatorPassword}"))),
            },
        };
    }
}
