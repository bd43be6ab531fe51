using System.Text.RegularExpressions;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// Docker does not run here, so the compose file is checked by reading it: every build points at a project that
/// exists, and every configuration key it sets is one the programs document and read.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Services = LoadServices();

    [Fact]
    public void The_deployment_has_database_migration_silos_and_web()
    {
        Assert.Superset(new HashSet<string> { "postgres", "migrate", "silo", "web" }, Services.Children.Keys.Select(k => k.ToString()).ToHashSet());
    }

    [Fact]
    public void Every_build_uses_an_existing_dockerfile_and_an_existing_program()
    {
        var built = 0;
        foreach (var (name, service) in EachService())
        {
            if (!service.Children.TryGetValue("build", out var buildNode))
            {
                continue;
            }

            var build = (YamlMappingNode)buildNode;
            var context = Path.GetFullPath(Path.Combine(RepositoryLayout.Root, build["context"].ToString()));
            Assert.True(Directory.Exists(context), $"{name}: build context {context} missing");
            Assert.True(File.Exists(Path.Combine(context, build["dockerfile"].ToString())), $"{name}: Dockerfile missing");
            var project = ((YamlMappingNode)build["args"])["PROJECT"].ToString();
            Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, "src", project, $"{project}.csproj")), $"{name}: project {project} missing");
            Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, "src", project, "Program.cs")), $"{name}: {project} has no entry point");
            built++;
        }

        Assert.True(built >= 3);
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Dockerfile"));
        Assert.Contains("src/${PROJECT}/${PROJECT}.csproj", dockerfile, StringComparison.Ordinal);
        Assert.Contains("PipedriveMaileon.${PROJECT}.dll", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_migration_runs_the_silo_migrate_command_before_silos_and_web_start()
    {
        var migrate = Service("migrate");
        Assert.Equal("Silo", ((YamlMappingNode)((YamlMappingNode)migrate["build"])["args"])["PROJECT"].ToString());
        Assert.Equal(["migrate"], ((YamlSequenceNode)migrate["command"]).Select(n => n.ToString()));
        Assert.Contains("Name = \"migrate\"", File.ReadAllText(Path.Combine(RepositoryLayout.Root, "src", "Silo", "Hosting", "MigrateCommand.cs")), StringComparison.Ordinal);

        foreach (var name in new[] { "silo", "web" })
        {
            var dependsOn = (YamlMappingNode)Service(name)["depends_on"];
            Assert.Equal("service_completed_successfully", ((YamlMappingNode)dependsOn["migrate"])["condition"].ToString());
        }

        Assert.False(Service("silo").Children.ContainsKey("ports"), "silo and gateway ports must never be published");
    }

    [Fact]
    public void Every_configuration_key_set_is_documented_and_read_by_the_code()
    {
        var documented = DocumentedKeys();
        var sources = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var checkedKeys = 0;
        foreach (var (name, service) in EachService())
        {
            if (!service.Children.TryGetValue("environment", out var environmentNode) || name == "postgres")
            {
                continue;
            }

            foreach (var variable in EnvironmentKeys((YamlMappingNode)environmentNode))
            {
                checkedKeys++;
                if (variable == "ASPNETCORE_URLS")
                {
                    continue;
                }

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

        Assert.True(checkedKeys > 10);
        // Keys the frameworks read themselves (ASP.NET Core logging, the OpenTelemetry SDK) are documented for operators.
        foreach (var key in documented.Where(k => !k.StartsWith("Logging:", StringComparison.Ordinal) && !k.StartsWith("OTEL_", StringComparison.Ordinal)))
        {
            var lastSegment = key[(key.LastIndexOf(':') + 1)..];
            Assert.True(sources.Contains($"\"{key}\"", StringComparison.Ordinal) || Regex.IsMatch(sources, $@"\b{lastSegment}\b"),
                $"README documents {key}, but no code reads it");
        }
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

    private static IEnumerable<string> EnvironmentKeys(YamlMappingNode environment)
    {
        foreach (var (key, value) in environment.Children)
        {
            if (key.ToString() == "<<")
            {
                foreach (var inherited in EnvironmentKeys((YamlMappingNode)value))
                {
                    yield return inherited;
                }
            }
            else
            {
                yield return key.ToString();
            }
        }
    }

    private static IEnumerable<(string Name, YamlMappingNode Service)> EachService() =>
        Services.Children.Select(c => (c.Key.ToString(), (YamlMappingNode)c.Value));

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static YamlMappingNode LoadServices()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepositoryLayout.Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    [GeneratedRegex(@"`([A-Za-z]+(?::[A-Za-z]+)+|[A-Z][A-Z0-9_]+)`")]
    private static partial Regex DocumentedKey();
}
