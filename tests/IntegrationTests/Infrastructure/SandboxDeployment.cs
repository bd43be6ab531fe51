namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// The whole system as real processes on 127.0.0.1: a fresh database, the sandbox emulators, silos and one web
/// front end configured against the sandbox — what <c>./run.sh</c> starts, at test scale.
/// </summary>
public sealed class SandboxDeployment : IAsyncDisposable
{
    private readonly List<ManagedProcess> silos;
    private int restarts;

    private SandboxDeployment(ProcessCluster cluster, SandboxProcess sandbox, ProcessCluster.WebNode web, List<ManagedProcess> silos)
    {
        Cluster = cluster;
        Sandbox = sandbox;
        Web = web;
        this.silos = silos;
    }

    public ProcessCluster Cluster { get; }

    public SandboxProcess Sandbox { get; }

    public ProcessCluster.WebNode Web { get; private set; }

    public IReadOnlyList<ManagedProcess> Silos => silos;

    /// <param name="browserOAuthHost">
    /// When set, the web sends browsers to the sandbox's OAuth pages under this host name (e.g. <c>localhost</c>)
    /// through <c>Pipedrive:OAuthAuthorizeBaseUrl</c>, while the silos keep exchanging codes at 127.0.0.1: the
    /// browser-facing and internal addresses of a container deployment, on one machine.
    /// </param>
    public static async Task<SandboxDeployment> StartAsync(
        string purpose, int silos = 1, IReadOnlyDictionary<string, string>? configuration = null, double sandboxTimeScale = 0.01,
        string? extensionJwtSecret = null, string? browserOAuthHost = null)
    {
        var cluster = await ProcessCluster.CreateAsync(purpose);
        var webUrl = ProcessCluster.ReserveWebUrl();
        var sandbox = await SandboxProcess.StartAsync(webUrl, sandboxTimeScale, extensionJwtSecret);
        foreach (var (key, value) in sandbox.AppConfiguration)
        {
            cluster.With(key, value);
        }

        if (browserOAuthHost is not null)
        {
            cluster.With("Pipedrive__OAuthAuthorizeBaseUrl", new UriBuilder(sandbox.PipedriveUrl) { Host = browserOAuthHost }.Uri.ToString().TrimEnd('/'));
        }

        // The silos register webhooks: they must know the URL the web node will listen on.
        cluster.With("App__PublicBaseUrl", webUrl.ToString().TrimEnd('/'));

        // Fast outbox retries so fault scenarios finish in seconds.
        cluster.With("Outbox__FirstRetrySeconds", "1").With("Outbox__MaxRetryDelaySeconds", "5");
        foreach (var (key, value) in configuration ?? new Dictionary<string, string>())
        {
            cluster.With(key, value);
        }

        var started = new List<ManagedProcess>();
        for (var i = 0; i < silos; i++)
        {
            started.Add(await cluster.StartSiloAsync($"silo{i + 1}"));
        }

        var web = await cluster.StartWebAsync("web", webUrl);
        return new SandboxDeployment(cluster, sandbox, web, started);
    }

    /// <summary>Kills the web node (SIGKILL) and starts a new one on the same URL (webhooks stay registered there).</summary>
    public async Task RestartWebAsync()
    {
        Web.Process.Kill();
        await Web.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Web = await Cluster.StartWebAsync($"web-{++restarts}", Web.BaseAddress);
    }

    /// <summary>Kills one silo (SIGKILL) and starts a replacement.</summary>
    public async Task<ManagedProcess> KillAndReplaceSiloAsync(int index)
    {
        var victim = silos[index];
        victim.Kill();
        await victim.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var replacement = await Cluster.StartSiloAsync($"silo-r{++restarts}");
        silos[index] = replacement;
        return replacement;
    }

    /// <summary>Every line the app's processes wrote so far (for secret scans).</summary>
    public string AllOutput => string.Join('\n', Cluster.Processes.Select(p => p.OutputText));

    /// <summary>
    /// Stops everything. Before that, every secret the deployment handled is collected from the emulators'
    /// journals; afterwards (shutdown lines included) no log line of any app process may contain one, so every
    /// test that runs a deployment also proves that nothing it did logged a secret.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        SecretHarvest? secrets = null;
        try
        {
            if (!Sandbox.Process.HasExited)
            {
                secrets = await SecretHarvest.CollectAsync(this);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            // A sandbox that cannot answer any more leaves nothing to compare with; the test itself failed already.
        }

        await Cluster.DisposeAsync();
        await Sandbox.DisposeAsync();

        var leaks = secrets?.FindInLogs(this) ?? [];
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"Secrets were written to the log ({leaks.Count}):\n{string.Join('\n', leaks.Distinct().Take(40))}");
        }
    }
}
