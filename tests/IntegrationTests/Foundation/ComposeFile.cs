using System.Text.RegularExpressions;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PipedriveMaileon.IntegrationTests.Foundation;

/// <summary>
/// <c>docker-compose.yml</c> as compose sees it after YAML merge keys (<c>&lt;&lt;: *anchor</c>, also lists of them)
/// are applied: explicit keys win over merged ones, earlier merged mappings over later ones.
/// </summary>
public sealed partial class ComposeFile
{
    private ComposeFile(string text, YamlMappingNode services)
    {
        Text = text;
        Services = services.Children.ToDictionary(c => c.Key.ToString(), c => (YamlMappingNode)c.Value);
    }

    public static ComposeFile Repository { get; } = Load(Path.Combine(RepositoryLayout.Root, "docker-compose.yml"));

    /// <summary>The raw text, for what interpolation sees (<c>${VAR:?message}</c>, <c>${VAR:-default}</c>).</summary>
    public string Text { get; }

    public IReadOnlyDictionary<string, YamlMappingNode> Services { get; }

    /// <summary>Every variable compose interpolates, with whether it is required (<c>:?</c>) at each use.</summary>
    public IReadOnlyList<(string Name, bool Required, string? Default)> Variables =>
        [.. VariablePattern().Matches(Text).Select(m => (m.Groups["name"].Value, m.Groups["op"].Value == ":?", m.Groups["op"].Value == ":-" ? m.Groups["rest"].Value : null))];

    public YamlMappingNode Service(string name) =>
        Services.TryGetValue(name, out var service) ? service : throw new KeyNotFoundException($"docker-compose.yml has no service '{name}'");

    public static IReadOnlyList<string> Profiles(YamlMappingNode service) =>
        service.Children.TryGetValue("profiles", out var profiles) ? [.. ((YamlSequenceNode)profiles).Select(p => p.ToString())] : [];

    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        service.Children.TryGetValue("environment", out var environment)
            ? ((YamlMappingNode)environment).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString())
            : new Dictionary<string, string>();

    public static string? Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return (current as YamlScalarNode)?.Value;
    }

    public static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode sequence ? [.. sequence.Select(n => n.ToString())] : [];

    /// <summary>Ports a URL list such as ASPNETCORE_URLS (<c>http://+:5101;http://+:5102</c>) listens on.</summary>
    public static IReadOnlyList<int> ListeningPorts(string urls) =>
        [.. urls.Split(';').Select(u => int.Parse(u[(u.LastIndexOf(':') + 1)..].TrimEnd('/'), System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Published <c>host:container</c> port pairs of a service.</summary>
    public static IReadOnlyList<(int Host, int Container)> PublishedPorts(YamlMappingNode service) =>
        [.. Sequence(service, "ports").Select(p => p.Split(':')).Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))];

    private static ComposeFile Load(string path)
    {
        var text = File.ReadAllText(path);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = Resolve((YamlMappingNode)yaml.Documents[0].RootNode);
        return new ComposeFile(text, (YamlMappingNode)root["services"]);
    }

    private static YamlMappingNode Resolve(YamlMappingNode mapping)
    {
        var resolved = new YamlMappingNode();
        foreach (var (key, value) in mapping.Children.Where(c => c.Key.ToString() != "<<"))
        {
            resolved.Add(key, value is YamlMappingNode child ? Resolve(child) : value);
        }

        if (mapping.Children.TryGetValue("<<", out var merge))
        {
            var sources = merge is YamlSequenceNode list ? list.Cast<YamlMappingNode>() : [(YamlMappingNode)merge];
            foreach (var source in sources.Select(Resolve))
            {
                foreach (var (key, value) in source.Children.Where(c => !resolved.Children.ContainsKey(c.Key)))
                {
                    resolved.Add(key, value);
                }
            }
        }

        return resolved;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z][A-Z0-9_]*)(?<op>:\?|:-|\?|-)?(?<rest>[^}]*)\}")]
    private static partial Regex VariablePattern();
}
