using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using PipedriveMaileon.IntegrationTests.Contacts;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// The security checks of the running system: secrets encrypted at rest (raw rows of every table), no secret in
/// any log line, operator surfaces behind operator credentials, credentials compared in constant time.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed partial class SecurityChecksTests(DeploymentFixture fixture, ITestOutputHelper output)
{
    private SandboxDeployment Deployment => fixture.Deployment;

    [Fact]
    public async Task NoTokenOrKeyIsStoredInClearInAnyDatabaseRow()
    {
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Vault GmbH");
        var person = await tenant.CreatePersonAsync("Vera Vault", "vera@vault.example");
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");

        var secrets = await SecretHarvest.CollectAsync(Deployment);
        Assert.Contains(secrets.ValuesByKind, s => s.Value == "Maileon API key" && s.Key == tenant.ApiKey);
        Assert.Contains(secrets.ValuesByKind, s => s.Value == "Pipedrive access token");
        Assert.Contains(secrets.ValuesByKind, s => s.Value == "Pipedrive webhook password");
        Assert.Contains(secrets.ValuesByKind, s => s.Value == "Maileon webhook token");

        await using var connection = new NpgsqlConnection(Deployment.Cluster.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var leaks = new List<string>();
        var rows = 0;
        var tenantRowHasCipherText = false;
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                var text = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f');
                }

                var row = text.ToString();
                tenantRowHasCipherText |= table == "orleansstorage" && row.Contains("CipherText", StringComparison.Ordinal);
                leaks.AddRange(secrets.FindIn($"table {table}, row {rows}", row.Replace('\n', ' ')));
                if (table == "data_protection_keys" && (!row.Contains("encryptedSecret", StringComparison.Ordinal) || row.Contains("<masterKey", StringComparison.Ordinal)))
                {
                    leaks.Add($"a Data Protection key in table {table} is not encrypted with the master key");
                }
            }
        }

        output.WriteLine($"Read {rows} raw rows of {tables.Count} tables ({string.Join(", ", tables)}); looked for {secrets.Count} secrets ({secrets.Summary}).");
        Assert.True(tenantRowHasCipherText, "no protected secret found in OrleansStorage: the check looked at the wrong rows");
        Assert.True(leaks.Count == 0, "secrets in clear at rest:\n" + string.Join('\n', leaks));
    }

    [Fact]
    public async Task NoSecretAppearsInAnyLogLine()
    {
        // Exercise the paths that handle secrets: install (code exchange), save (API key check, webhook
        // registration), a sync (tokens, Maileon key), a token refresh, and a rejected key.
        using var tenant = await SyncedTenant.CreateAsync(Deployment, "Quiet Logs AG");
        var person = await tenant.CreatePersonAsync("Lars Log", "lars@quietlogs.example");
        await tenant.SetNewsletterAsync(person, "Subscribe");
        await tenant.NewsletterBecomesAsync(person, "Awaiting confirmation");
        await Deployment.Sandbox.ControlPostAsync("pipedrive", $"companies/{tenant.CompanyId}/expire-tokens", new { });
        await tenant.UpdatePersonAsync(person, new System.Text.Json.Nodes.JsonObject { ["name"] = "Lars Logger" });
        var rejected = await tenant.Admin.SaveSettingsAsync("wrong-key-" + Guid.NewGuid().ToString("N"));
        Assert.Contains("data-testid=\"form-errors\"", rejected, StringComparison.Ordinal);
        await tenant.QuietAsync();

        var secrets = await SecretHarvest.CollectAsync(Deployment);
        var leaks = secrets.FindInLogs(Deployment);
        var lines = Deployment.Cluster.Processes.Sum(p => p.Output.Count);
        output.WriteLine($"Checked {lines} log lines of {Deployment.Cluster.Processes.Count} processes for {secrets.Count} secrets ({secrets.Summary}).");
        Assert.True(leaks.Count == 0, "secrets in the log:\n" + string.Join('\n', leaks.Distinct()));
    }

    [Fact]
    public async Task OperatorSurfacesRequireOperatorCredentials()
    {
        using var tenant = await TenantAdmin.InstallNewCompanyAsync(Deployment, "Curious Tenant");
        using var anonymous = new HttpClient { BaseAddress = Deployment.Web.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var paths = new[] { "/metrics", "/dashboard", "/dashboard/", "/dashboard/index.html", "/dashboard/ClusterStats", "/dashboard/DashboardCounters", "/ops/tenants", "/ops/probe/x" };
        var wrong = new Dictionary<string, string?>
        {
            ["no credentials"] = null,
            ["wrong password"] = WebhookRequests.Basic($"{ProcessCluster.OperatorUser}:not-the-password"),
            ["password as user"] = WebhookRequests.Basic($"{ProcessCluster.OperatorPassword}:{ProcessCluster.OperatorUser}"),
            ["password prefix"] = WebhookRequests.Basic($"{ProcessCluster.OperatorUser}:{ProcessCluster.OperatorPassword[..^1]}"),
            ["Bearer with the password"] = "Bearer " + ProcessCluster.OperatorPassword,
            ["malformed Basic"] = "Basic !!!",
            ["app client credentials"] = WebhookRequests.Basic($"{SandboxProcess.ClientId}:{SandboxProcess.ClientSecret}"),
        };

        var catalogue = new Catalogue(output);
        foreach (var path in paths)
        {
            foreach (var (name, authorization) in wrong)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                if (authorization is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                using var response = await anonymous.SendAsync(request);
                catalogue.Record($"GET {path}", name, "401", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), response.StatusCode == HttpStatusCode.Unauthorized);
            }

            // A tenant admin's session is not an operator login.
            using var asTenant = await tenant.Http.GetAsync(path);
            catalogue.Record($"GET {path}", "tenant session cookie", "401 or 403", ((int)asTenant.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                asTenant.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }

        using (var write = await anonymous.PostAsync("/ops/probe/x", new StringContent("{\"value\":\"v\"}", Encoding.UTF8, "application/json")))
        {
            catalogue.Record("POST /ops/probe/x", "no credentials", "401", ((int)write.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), write.StatusCode == HttpStatusCode.Unauthorized);
        }

        // With the operator's credentials they work (so the 401s above are about authentication, not a missing route).
        foreach (var path in new[] { "/metrics", "/dashboard/", "/ops/tenants" })
        {
            using var response = await Deployment.Web.Http.GetAsync(path);
            catalogue.Record($"GET {path}", "operator credentials", "200", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), response.StatusCode == HttpStatusCode.OK);
        }

        // Health answers carry no data.
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await anonymous.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            catalogue.Record($"GET {path}", "anonymous, no tenant data in the answer", "200 without tenant data", $"{(int)response.StatusCode} ({body.Length} chars)",
                response.IsSuccessStatusCode && !body.Contains(tenant.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) && body.Length < 400);
        }

        catalogue.Print("Operator surfaces");
        catalogue.AssertAll();
    }

    /// <summary>
    /// Every place that checks a credential compares through <c>CryptographicOperations.FixedTimeEquals</c> over
    /// SHA-256 digests (so neither content nor length shows in the timing), and no code compares a secret with
    /// <c>==</c>, <c>Equals</c> or a <c>StartsWith</c>. A timing measurement over HTTP would be too noisy to prove
    /// anything; the code is the proof.
    /// </summary>
    [Fact]
    public void CredentialsAreComparedInConstantTime()
    {
        var source = Path.Combine(RepositoryLayout.Root, "src");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Sandbox{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(RepositoryLayout.Root, f), File.ReadAllText);

        // The four checks: webhook Basic credentials and Maileon tokens, operator login, Pipedrive's uninstall call, OAuth state.
        var checks = new Dictionary<string, string>
        {
            ["src/Grains.Interfaces/Webhooks/WebhookCredentialHash.cs"] = "CryptographicOperations.FixedTimeEquals(expected, actual)",
            ["src/Web/Operations/OperatorAuthenticationHandler.cs"] = "SHA256.HashData",
            ["src/Web/Installation/InstallationEndpoints.cs"] = "OperatorAuthenticationHandler.ConstantTimeEquals",
            ["src/Web/Installation/OAuthState.cs"] = "CryptographicOperations.FixedTimeEquals",
        };
        foreach (var (file, evidence) in checks)
        {
            Assert.True(files.TryGetValue(file, out var text), $"{file} is gone: find where that credential is checked now");
            Assert.Contains(evidence, text, StringComparison.Ordinal);
        }

        // Webhooks are checked in the web tier, against the directory's hashes, through that comparison only.
        Assert.Contains("WebhookCredentialHash.Matches(", files["src/Web/Webhooks/TenantCredentialDirectory.cs"], StringComparison.Ordinal);
        Assert.Contains("directory.CheckPipedrive(", files["src/Web/Webhooks/WebhookEndpoints.cs"], StringComparison.Ordinal);
        Assert.Contains("directory.CheckMaileon(", files["src/Web/Webhooks/WebhookEndpoints.cs"], StringComparison.Ordinal);

        var suspicious = files
            .SelectMany(f => f.Value.Split('\n').Select((line, i) => (File: f.Key, Line: i + 1, Text: line.Trim())))
            .Where(l => NonConstantComparison().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text}")
            .ToList();
        output.WriteLine($"Scanned {files.Count} source files; {checks.Count} credential checks use FixedTimeEquals.");
        Assert.True(suspicious.Count == 0, "credentials compared in variable time:\n" + string.Join('\n', suspicious));
    }

    [GeneratedRegex(@"(?i)(password|secret|token|credential|apikey)\w*\s*(==|!=)\s*(?!null\b|default\b)\w|(password|secret|token|credential|apikey)\w*\.(Equals|StartsWith|SequenceEqual)\(|(?<!ConstantTime|FixedTime)Equals\([^)]*(password|secret|credential)", RegexOptions.CultureInvariant)]
    private static partial Regex NonConstantComparison();
}
