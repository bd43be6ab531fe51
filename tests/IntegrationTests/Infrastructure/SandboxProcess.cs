using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// The sandbox emulators of Pipedrive and Maileon as one process on two free loopback ports, with a client for
/// their control API (<c>/_sandbox/...</c>).
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    public const string ClientId = "sandbox-app";
    public const string ClientSecret = "sandbox-secret-for-tests";

    private SandboxProcess(ManagedProcess process, Uri pipedrive, Uri maileon, Uri settingsUrl, string? extensionJwtSecret)
    {
        SettingsUrl = settingsUrl;
        ExtensionJwtSecret = extensionJwtSecret;
        Process = process;
        PipedriveUrl = pipedrive;
        MaileonUrl = maileon;
        Pipedrive = new HttpClient { BaseAddress = pipedrive, Timeout = TimeSpan.FromSeconds(30) };
        Maileon = new HttpClient { BaseAddress = maileon, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ManagedProcess Process { get; }

    public Uri PipedriveUrl { get; }

    public Uri MaileonUrl { get; }

    /// <summary>
    /// The app's settings page as registered for Pipedrive's app-settings iframe: the app's port on <c>localhost</c>,
    /// so the console on 127.0.0.1 embeds it from another site, as Pipedrive does.
    /// </summary>
    public Uri SettingsUrl { get; }

    /// <summary>The custom UI extension's JWT secret, when one is set (else the client secret signs the iframe token).</summary>
    public string? ExtensionJwtSecret { get; }

    /// <summary>HTTP client on the Pipedrive emulator's port.</summary>
    public HttpClient Pipedrive { get; }

    /// <summary>HTTP client on the Maileon emulator's port.</summary>
    public HttpClient Maileon { get; }

    /// <summary>Configuration the app's processes need to talk to this sandbox.</summary>
    public IReadOnlyDictionary<string, string> AppConfiguration => new Dictionary<string, string>
    {
        ["Pipedrive__ClientId"] = ClientId,
        ["Pipedrive__ClientSecret"] = ClientSecret,
        ["Pipedrive__OAuthBaseUrl"] = PipedriveUrl.ToString().TrimEnd('/'),
        ["Pipedrive__AllowedApiHosts__0"] = PipedriveUrl.Host, // the emulator's api_domain
        ["Maileon__BaseUrl"] = new Uri(MaileonUrl, "/1.0").ToString(),
        ["Pipedrive__ExtensionJwtSecret"] = ExtensionJwtSecret ?? string.Empty,
    };

    public static async Task<SandboxProcess> StartAsync(Uri appBaseUrl, double timeScale = 0.01, string? extensionJwtSecret = null)
    {
        var settingsUrl = new UriBuilder(appBaseUrl) { Host = "localhost", Path = "/pipedrive-app" }.Uri;
        var pipedrivePort = FreePorts.Next();
        var maileonPort = FreePorts.Next();
        var pipedrive = new Uri($"http://127.0.0.1:{pipedrivePort}");
        var maileon = new Uri($"http://127.0.0.1:{maileonPort}");
        var process = ManagedProcess.Start("sandbox", "Sandbox", new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"{pipedrive};{maileon}",
            ["Sandbox__PipedriveUrl"] = pipedrive.ToString(),
            ["Sandbox__MaileonUrl"] = maileon.ToString(),
            ["Sandbox__TimeScale"] = timeScale.ToString(CultureInfo.InvariantCulture),
            ["Sandbox__Pipedrive__ClientId"] = ClientId,
            ["Sandbox__Pipedrive__ClientSecret"] = ClientSecret,
            ["Sandbox__Pipedrive__RedirectUri"] = new Uri(appBaseUrl, "/pipedrive/callback").ToString(),
            ["Sandbox__Pipedrive__SettingsUrl"] = settingsUrl.ToString(),
            ["Sandbox__Pipedrive__PanelUrl"] = new UriBuilder(settingsUrl) { Path = "/pipedrive-panel" }.Uri.ToString(),
            ["Sandbox__Pipedrive__ExtensionJwtSecret"] = extensionJwtSecret ?? string.Empty,
        });
        var sandbox = new SandboxProcess(process, pipedrive, maileon, settingsUrl, extensionJwtSecret);
        await Eventually.TrueAsync(
            async () => (await sandbox.Pipedrive.GetAsync("/")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            () => $"sandbox did not start:\n{process.OutputText}",
            () => process.HasExited);
        return sandbox;
    }

    public async Task<JsonNode?> ControlGetAsync(string emulator, string path) =>
        JsonNode.Parse(await Pipedrive.GetStringAsync($"/_sandbox/{emulator}/{path.TrimStart('/')}"));

    public async Task<JsonNode?> ControlPostAsync(string emulator, string path, object body)
    {
        var response = await Pipedrive.PostAsJsonAsync($"/_sandbox/{emulator}/{path.TrimStart('/')}", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"sandbox control {path} answered {(int)response.StatusCode}: {text}");
        }

        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    public async ValueTask DisposeAsync()
    {
        Pipedrive.Dispose();
        Maileon.Dispose();
        await Process.DisposeAsync();
    }
}
