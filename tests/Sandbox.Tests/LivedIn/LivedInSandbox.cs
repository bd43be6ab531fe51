using System.Globalization;
using System.Net;
using System.Text.Json;
using PipedriveMaileon.Sandbox.LivedIn;
using PipedriveMaileon.Sandbox.Tests.Pipedrive;

namespace PipedriveMaileon.Sandbox.Tests.LivedIn;

/// <summary>One sandbox host with the default lived-in fixture (5,000 + 500 persons, seed 12), seeded once for a test class.</summary>
public sealed class LivedInSandbox : IAsyncLifetime
{
    public PipedriveSandboxFactory Factory { get; } = new();

    public LivedInManifest Manifest { get; private set; } = null!;

    public string ManifestJson { get; private set; } = string.Empty;

    public long SeedingMilliseconds { get; private set; }

    public ManifestCompany First => Manifest.Companies[0];

    public ManifestCompany Second => Manifest.Companies[1];

    public async Task InitializeAsync()
    {
        var (json, milliseconds) = await SeedAsync(Factory.CreateClient(), null);
        (ManifestJson, SeedingMilliseconds, Manifest) = (json, milliseconds, Parse(json));
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    public static LivedInManifest Parse(string json) => JsonSerializer.Deserialize<LivedInManifest>(json, LivedInManifest.Json)!;

    /// <summary>Seeds through the control API; returns the manifest as sent and the seeding time the sandbox reported.</summary>
    public static async Task<(string Json, long Milliseconds)> SeedAsync(HttpClient client, object? body)
    {
        using var content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body);
        var response = await client.PostAsync("/_sandbox/livedin", content);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {json}");
        return (json, long.Parse(response.Headers.GetValues("X-Seeding-Milliseconds").Single(), CultureInfo.InvariantCulture));
    }
}
