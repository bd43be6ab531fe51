using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Tenants;

/// <summary>
/// A tenant's whole life — install, save, sync, a Maileon callback, a token refresh, uninstall — and then every
/// secret that crossed the wire (taken from the emulators' request journals) is looked for in the app's logs and
/// in the database. None may be there in the clear. Failures name the kind of secret, never its value.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SecretLogTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private const int MinSecretLength = 8;

    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task NoTokenKeyOrSecretOfAFullTenantLifeAppearsInTheLogsOrInTheDatabaseInTheClear()
    {
        var view = new SandboxView(Deployment);
        var pipedriveMark = await view.JournalMarkAsync("pipedrive");
        var maileonMark = await view.JournalMarkAsync("maileon");

        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Secret Keeper GmbH", dealEvents: true);
        var person = await tenant.CreatePersonAsync("Sven Secret", "sven@secret.example");
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");
        await tenant.ConfirmDoiAsync("sven@secret.example");
        await tenant.NewsletterBecomesAsync(person, "Subscribed");
        await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/expire-tokens", new { });
        await tenant.Admin.PostHandlerAsync("Repair");
        await tenant.Admin.SaveSettingsAsync(tenant.ApiKey[..^3]); // a rejected key is a secret too
        var settings = await tenant.Admin.SettingsPageAsync();
        await tenant.Admin.PostHandlerAsync("Uninstall");
        await tenant.QuietAsync();
        await Task.Delay(1000);

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string kind, string? value)
        {
            if (value is { Length: >= MinSecretLength } && value != SandboxProcess.ClientId)
            {
                secrets.TryAdd(value, kind);
            }
        }

        Add("Maileon API key", tenant.ApiKey);
        Add("rejected Maileon API key", tenant.ApiKey[..^3]);
        foreach (var request in await view.RequestsAsync("pipedrive", pipedriveMark))
        {
            CollectAuthorization(request, Add, "Pipedrive");
            var body = (string?)request["body"] ?? string.Empty;
            var path = (string)request["path"]!;
            if (path.StartsWith("/oauth/", StringComparison.Ordinal))
            {
                var form = HttpUtility.ParseQueryString(body);
                Add("OAuth code", form["code"]);
                Add("refresh token", form["refresh_token"]);
                Add("revoked token", form["token"]);
                Add("client secret", form["client_secret"]);
            }
            else if (path.EndsWith("/webhooks", StringComparison.Ordinal) && (string?)request["method"] == "POST")
            {
                Add("Pipedrive webhook password", (string?)JsonNode.Parse(body)?["http_auth_password"]);
            }
        }

        foreach (var request in await view.RequestsAsync("maileon", maileonMark))
        {
            CollectAuthorization(request, Add, "Maileon");
            if ((string)request["path"]! == "/1.0/webhooks" && (string?)request["method"] == "POST")
            {
                var body = (string?)request["body"] ?? string.Empty;
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(body, "token=([A-Za-z0-9_%\\-]+)"))
                {
                    Add("Maileon webhook token", Uri.UnescapeDataString(m.Groups[1].Value));
                }
            }
        }

        Add("client secret", SandboxProcess.ClientSecret);
        var kinds = secrets.Values.GroupBy(k => k).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        output.WriteLine("secrets looked for: " + string.Join(", ", kinds));
        Assert.Contains(secrets.Values, k => k == "Pipedrive access token");
        Assert.Contains(secrets.Values, k => k == "refresh token");
        Assert.Contains(secrets.Values, k => k == "OAuth code");
        Assert.Contains(secrets.Values, k => k == "Pipedrive webhook password");
        Assert.Contains(secrets.Values, k => k == "Maileon webhook token");

        var logs = Deployment.AllOutput;
        output.WriteLine($"log lines scanned: {logs.Split('\n').Length}");
        var database = await DatabaseTextAsync();
        output.WriteLine($"database characters scanned: {database.Length}");
        var leaks = new List<string>();
        foreach (var (secret, kind) in secrets)
        {
            foreach (var form in Forms(secret))
            {
                if (logs.Contains(form, StringComparison.Ordinal))
                {
                    leaks.Add($"{kind} in the logs: {Masked(logs.Split('\n').First(l => l.Contains(form, StringComparison.Ordinal)), form)}");
                }

                if (database.Contains(form, StringComparison.Ordinal))
                {
                    leaks.Add($"{kind} in the database");
                }
            }

            Assert.DoesNotContain(secret, settings, StringComparison.Ordinal);
        }

        Assert.True(leaks.Count == 0, string.Join('\n', leaks.Distinct()));
    }

    private static void CollectAuthorization(JsonNode request, Action<string, string?> add, string side)
    {
        var authorization = request["headers"]?["Authorization"]?.GetValue<string>();
        if (authorization is null)
        {
            return;
        }

        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            add($"{side} access token", authorization["Bearer ".Length..]);
        }
        else if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var encoded = authorization["Basic ".Length..];
            add($"{side} Basic credentials", encoded);
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                add($"{side} Basic secret", decoded.Contains(':', StringComparison.Ordinal) ? decoded[(decoded.IndexOf(':', StringComparison.Ordinal) + 1)..] : decoded);
            }
            catch (FormatException)
            {
            }
        }
    }

    /// <summary>The secret as text, URL-encoded and as the hex of its bytes (how bytea shows in PostgreSQL's text form).</summary>
    private static IEnumerable<string> Forms(string secret) =>
        new[] { secret, Uri.EscapeDataString(secret), Convert.ToHexString(Encoding.UTF8.GetBytes(secret)).ToLowerInvariant() }.Distinct(StringComparer.Ordinal);

    private static string Masked(string line, string secret) => line.Replace(secret, "<secret>", StringComparison.Ordinal) is var masked && masked.Length > 300 ? masked[..300] : masked;

    /// <summary>Every row of every table of the app's database as text.</summary>
    private async Task<string> DatabaseTextAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Deployment.Cluster.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new Npgsql.NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await dump.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.Append(reader.GetString(0)).Append('\n');
            }
        }

        return text.ToString();
    }
}
