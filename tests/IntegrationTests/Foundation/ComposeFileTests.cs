using System.Diagnostics;
using System.Text.RegularExpressions;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// Docker does not run here, so the compose file is checked by reading it: the demo profile (sandbox emulators) and
/// the production profile (the real Pipedrive and Maileon) on one PostgreSQL and migration; every build points at a
/// program that exists; each address is one the service using it can reach (browser-facing vs. service names);
/// every long-running service has a healthcheck its image can run; secrets have no defaults; <c>.env.example</c>
/// lists every variable; the Dockerfile restores in its own layer; every key set is documented and read.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Repository;
    private static readonly string[] Secrets = ["POSTGRES_PASSWORD", "SECRETS_MASTER_KEY", "OPERATOR_PASSWORD", "PIPEDRIVE_CLIENT_SECRET"];

    [Fact]
    public void Demo_and_production_profiles_each_have_silos_and_web_on_one_database_and_migration()
    {
        Assert.Empty(ComposeFile.Profiles(Compose.Service("postgres")));
        Assert.Empty(ComposeFile.Profiles(Compose.Service("migrate")));
        foreach (var (service, profile) in new[] { ("silo", "production"), ("web", "production"), ("sandbox", "demo"), ("demo-silo", "demo"), ("demo-web", "demo") })
        {
            Assert.Equal([profile], ComposeFile.Profiles(Compose.Service(service)));
        }

        Assert.Equal(["migrate"], ComposeFile.Sequence(Compose.Service("migrate"), "command"));
        foreach (var name in AppServices())
        {
            Assert.Equal("service_completed_successfully", ComposeFile.Scalar(Compose.Service(name), "depends_on", "migrate", "condition"));
            Assert.True(ComposeFile.Sequence(Compose.Service(name), "ports").Count == 0 || name.EndsWith("web", StringComparison.Ordinal), $"{name}: silo and gateway ports must never be published");
        }
    }

    [Fact]
    public void Every_build_uses_an_existing_dockerfile_and_an_existing_program()
    {
        var built = 0;
        foreach (var (name, service) in Compose.Services.Where(s => s.Value.Children.ContainsKey("build")))
        {
            var context = Path.GetFullPath(Path.Combine(RepositoryLayout.Root, ComposeFile.Scalar(service, "build", "context")!));
            Assert.True(File.Exists(Path.Combine(context, ComposeFile.Scalar(service, "build", "dockerfile")!)), $"{name}: Dockerfile missing");
            var project = Project(service);
            Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, "src", project, $"{project}.csproj")), $"{name}: project {project} missing");
            built++;
        }

        Assert.Equal(6, built);
    }

    [Fact]
    public async Task Every_long_running_service_has_a_healthcheck_its_image_can_run()
    {
        foreach (var (name, service) in Compose.Services.Where(s => s.Key != "migrate"))
        {
            var test = ComposeFile.Sequence((YamlMappingNode)service["healthcheck"], "test");
            Assert.True(test.Count > 1, $"{name} has no healthcheck");
            var environment = ComposeFile.Environment(service);
            switch (name == "postgres" ? "postgres" : Project(service))
            {
                case "Silo":
                    Assert.Equal(["CMD", "dotnet", "/app/PipedriveMaileon.Silo.dll", "probe"], test);
                    Assert.True(int.Parse(environment["Health__Port"], System.Globalization.CultureInfo.InvariantCulture) > 0, $"{name}: probe needs Health__Port");
                    break;
                case "Web":
                    var port = ComposeFile.ListeningPorts(environment["ASPNETCORE_URLS"]).Single();
                    Assert.Equal(["CMD", "dotnet", "/app/PipedriveMaileon.Web.dll", "probe", $"http://127.0.0.1:{port}/health/ready"], test);
                    break;
                case "Sandbox":
                    Assert.Contains($"/dev/tcp/127.0.0.1/{ComposeFile.ListeningPorts(environment["ASPNETCORE_URLS"])[0]}", test[^1], StringComparison.Ordinal);
                    break;
                default:
                    Assert.Contains("pg_isready", test[^1], StringComparison.Ordinal);
                    break;
            }
        }

        // The images run the published programs from /app; both probe commands exist and report a dead endpoint.
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Dockerfile"));
        Assert.Contains("-o /app", dockerfile, StringComparison.Ordinal);
        Assert.Equal(1, await RunProgramAsync("Silo", "probe", "--url", $"http://127.0.0.1:{FreePorts.Next()}/health/ready"));
        Assert.Equal(1, await RunProgramAsync("Web", "probe", $"http://127.0.0.1:{FreePorts.Next()}/health/ready"));
    }

    [Fact]
    public void The_demo_gives_the_browser_published_ports_and_the_services_each_other_s_names()
    {
        var sandbox = ComposeFile.Environment(Compose.Service("sandbox"));
        var silo = ComposeFile.Environment(Compose.Service("demo-silo"));
        var web = ComposeFile.Environment(Compose.Service("demo-web"));
        var sandboxPorts = ComposeFile.ListeningPorts(sandbox["ASPNETCORE_URLS"]);
        var (pipedrivePort, maileonPort) = (sandboxPorts[0], sandboxPorts[1]);
        var webContainerPort = ComposeFile.ListeningPorts(web["ASPNETCORE_URLS"]).Single();
        var webHostPort = ComposeFile.PublishedPorts(Compose.Service("demo-web")).Single(p => p.Container == webContainerPort).Host;
        Assert.Contains((pipedrivePort, pipedrivePort), ComposeFile.PublishedPorts(Compose.Service("sandbox")));
        Assert.Contains((maileonPort, maileonPort), ComposeFile.PublishedPorts(Compose.Service("sandbox")));

        // Browser side: the web's public URL and the OAuth authorize page on published ports of localhost.
        var publicUrl = $"http://localhost:{webHostPort}";
        Assert.Equal(publicUrl, silo["App__PublicBaseUrl"]);
        Assert.Equal(publicUrl, web["App__PublicBaseUrl"]);
        Assert.Equal($"{publicUrl}/pipedrive/callback", sandbox["Sandbox__Pipedrive__RedirectUri"]);
        Assert.Equal($"http://localhost:{pipedrivePort}", web["Pipedrive__OAuthAuthorizeBaseUrl"]);

        // Service side: token exchange, the Pipedrive API (api_domain), Maileon, and the sandbox's deliveries.
        Assert.Equal($"http://sandbox:{pipedrivePort}", silo["Pipedrive__OAuthBaseUrl"]);
        Assert.Equal($"http://sandbox:{pipedrivePort}", sandbox["Sandbox__PipedriveUrl"]);
        Assert.Equal($"http://sandbox:{maileonPort}/1.0", silo["Maileon__BaseUrl"]);
        Assert.Equal($"http://demo-web:{webContainerPort}", sandbox["Sandbox__AppInternalUrl"]);
        Assert.Equal("service_healthy", ComposeFile.Scalar(Compose.Service("demo-silo"), "depends_on", "sandbox", "condition"));

        // The sandbox's registered app is the one the app presents.
        Assert.Equal(silo["Pipedrive__ClientId"], sandbox["Sandbox__Pipedrive__ClientId"]);
        Assert.Equal(silo["Pipedrive__ClientSecret"], sandbox["Sandbox__Pipedrive__ClientSecret"]);
    }

    [Fact]
    public void Production_talks_to_the_real_services_and_starts_only_with_its_secrets_and_public_url_set()
    {
        foreach (var name in new[] { "silo", "web" })
        {
            var environment = ComposeFile.Environment(Compose.Service(name));
            Assert.StartsWith("${PUBLIC_BASE_URL:?", environment["App__PublicBaseUrl"], StringComparison.Ordinal);
            Assert.EndsWith(":-https://oauth.pipedrive.com}", environment["Pipedrive__OAuthBaseUrl"], StringComparison.Ordinal);
            Assert.DoesNotContain("Pipedrive__OAuthAuthorizeBaseUrl", environment.Keys);
        }

        Assert.EndsWith(":-https://api.maileon.com/1.0}", ComposeFile.Environment(Compose.Service("silo"))["Maileon__BaseUrl"], StringComparison.Ordinal);
        var variables = Compose.Variables;
        foreach (var secret in Secrets.Append("PIPEDRIVE_CLIENT_ID").Append("PUBLIC_BASE_URL"))
        {
            var uses = variables.Where(v => v.Name == secret).ToList();
            Assert.NotEmpty(uses);
            Assert.All(uses, use => Assert.True(use.Required, $"{secret} must be required (${{{secret}:?...}}) wherever it is used"));
        }
    }

    [Fact]
    public void Env_example_lists_every_variable_compose_reads_and_holds_no_secret()
    {
        var example = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, ".env.example"))
            .Select(line => EnvLine().Match(line)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        foreach (var variable in Compose.Variables.Select(v => v.Name).Distinct())
        {
            Assert.True(example.ContainsKey(variable), $".env.example lacks {variable}, which docker-compose.yml reads");
        }

        Assert.All(Secrets, secret => Assert.Equal(string.Empty, example[secret]));
        Assert.DoesNotContain(example.Keys, key => !Compose.Variables.Any(v => v.Name == key));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(RepositoryLayout.Root, ".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(RepositoryLayout.Root, ".dockerignore")));
    }

    [Fact]
    public void The_dockerfile_restores_in_a_layer_that_only_project_files_change()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "Dockerfile"));
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var sources = Array.FindIndex(lines, l => l.StartsWith("COPY src/ ", StringComparison.Ordinal));
        Assert.True(restore > 0 && sources > restore, "restore must run before the sources are copied");
        var copiedBefore = string.Join('\n', lines[..restore].Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)));
        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(file, copiedBefore, StringComparison.Ordinal);
        }

        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryLayout.Root, project).Replace('\\', '/');
            Assert.True(copiedBefore.Contains($"COPY {relative} ", StringComparison.Ordinal), $"Dockerfile does not copy {relative} before restoring");
        }

        Assert.Contains("--no-restore", lines.Single(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("PipedriveMaileon.${PROJECT}.dll", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_configuration_key_set_is_documented_and_read_by_the_code()
    {
        var documented = DocumentedKeys();
        var sources = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var checkedKeys = 0;
        foreach (var (name, service) in Compose.Services.Where(s => s.Key != "postgres"))
        {
            foreach (var variable in ComposeFile.Environment(service).Keys.Where(k => k != "ASPNETCORE_URLS"))
            {
                checkedKeys++;
                var key = variable.Replace("__", ":", StringComparison.Ordinal);
                if (key.StartsWith("Sandbox:", StringComparison.Ordinal))
                {
                    var property = key[(key.LastIndexOf(':') + 1)..];
                    Assert.True(Regex.IsMatch(sources, $@"\b{property}\b"), $"{name}: {key} is read by no code in src/Sandbox");
                    continue;
                }

                Assert.True(documented.Contains(key), $"{name}: {key} is not in the README's configuration table");
            }
        }

        Assert.True(checkedKeys > 40);
        // Keys the frameworks read themselves (ASP.NET Core logging, the OpenTelemetry SDK) are documented for operators.
        foreach (var key in documented.Where(k => !k.StartsWith("Logging:", StringComparison.Ordinal) && !k.StartsWith("OTEL_", StringComparison.Ordinal)))
        {
            var lastSegment = key[(key.LastIndexOf(':') + 1)..];
            Assert.True(sources.Contains($"\"{key}\"", StringComparison.Ordinal) || Regex.IsMatch(sources, $@"\b{lastSegment}\b"),
                $"README documents {key}, but no code reads it");
        }
    }

    private static IEnumerable<string> AppServices() => ["silo", "web", "demo-silo", "demo-web"];

    private static string Project(YamlMappingNode service) => ComposeFile.Scalar(service, "build", "args", "PROJECT")!;

    private static async Task<int> RunProgramAsync(string project, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(RepositoryLayout.Program(project));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("ConnectionStrings__Orleans");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True((await output).Contains("did not answer", StringComparison.Ordinal), $"{project} probe: {await output}{await errors}");
        return process.ExitCode;
    }

    private static HashSet<string> DocumentedKeys()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        var table = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        // The first cell of each row names one key or several (`A:B`, `A:C`).
        return table.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => DocumentedKey().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToHashSet();
    }

    [GeneratedRegex(@"`([A-Za-z]+(?::[A-Za-z]+)+|[A-Z][A-Z0-9_]+)`")]
    private static partial Regex DocumentedKey();

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*)=(.*)$")]
    private static partial Regex EnvLine();
}
