using System.Text;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// Every secret a deployment handled, collected from where the app itself sent them (the emulators' request
/// journals) plus its configuration: OAuth access and refresh tokens, authorisation codes, the app's client secret,
/// Maileon API keys, per-tenant webhook passwords and Maileon webhook tokens, the master key, the operator password.
/// Used to prove they appear in no log line and in no database row in clear. Values are never printed.
/// </summary>
public sealed class SecretHarvest
{
    private const int MinLength = 8;
    private readonly Dictionary<string, string> secrets = new(StringComparer.Ordinal);

    public int Count => secrets.Count;

    /// <summary>Kinds and how many of each (safe to print).</summary>
    public string Summary => string.Join(", ", secrets.GroupBy(s => s.Value).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"));

    public IReadOnlyDictionary<string, string> ValuesByKind => secrets;

    public static async Task<SecretHarvest> CollectAsync(SandboxDeployment deployment)
    {
        var harvest = new SecretHarvest();
        harvest.Add(deployment.Cluster.MasterKey, "master key");
        harvest.Add(SandboxProcess.ClientSecret, "Pipedrive client secret");
        harvest.Add(ProcessCluster.OperatorPassword, "operator password");

        foreach (var entry in await SandboxJournal.EntriesAsync(deployment.Sandbox, "pipedrive"))
        {
            var path = (string?)entry["path"] ?? "";
            var authorization = (string?)entry["headers"]?["Authorization"];
            if (authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true)
            {
                harvest.Add(authorization["Bearer ".Length..], "Pipedrive access token");
            }

            var body = (string?)entry["body"] ?? "";
            if (path.EndsWith("/oauth/token", StringComparison.Ordinal))
            {
                var form = System.Web.HttpUtility.ParseQueryString(body);
                harvest.Add(form["refresh_token"], "Pipedrive refresh token");
                harvest.Add(form["code"], "OAuth authorisation code");
                harvest.Add(form["client_secret"], "Pipedrive client secret");
            }

            if (path.EndsWith("/v1/webhooks", StringComparison.Ordinal) && body.TrimStart().StartsWith('{'))
            {
                harvest.Add((string?)JsonNode.Parse(body)?["http_auth_password"], "Pipedrive webhook password");
            }
        }

        foreach (var entry in await SandboxJournal.EntriesAsync(deployment.Sandbox, "maileon"))
        {
            var authorization = (string?)entry["headers"]?["Authorization"];
            if (authorization?.StartsWith("Basic ", StringComparison.Ordinal) == true)
            {
                var encoded = authorization["Basic ".Length..];
                harvest.Add(encoded, "Maileon API key (base64)");
                try
                {
                    harvest.Add(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)), "Maileon API key");
                }
                catch (FormatException)
                {
                    // not ours to judge here
                }
            }
        }

        foreach (var hook in (await deployment.Sandbox.ControlGetAsync("maileon", "webhooks"))!.AsArray())
        {
            if ((string?)hook?["url"] is { } url)
            {
                harvest.Add(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["token"], "Maileon webhook token");
            }
        }

        return harvest;
    }

    public void Add(string? value, string kind)
    {
        if (value is { Length: >= MinLength })
        {
            secrets.TryAdd(value, kind);
        }
    }

    /// <summary>Where any secret occurs in <paramref name="text"/>, described without the secret itself.</summary>
    public IEnumerable<string> FindIn(string source, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (var (value, kind) in secrets)
            {
                if (lines[i].Contains(value, StringComparison.Ordinal))
                {
                    yield return $"{kind} in {source}, line {i + 1}";
                }
            }
        }
    }

    /// <summary>Every log line every app process (silos, web) wrote, checked for every secret.</summary>
    public IReadOnlyList<string> FindInLogs(SandboxDeployment deployment) =>
        [.. deployment.Cluster.Processes.SelectMany(p => FindIn($"the output of {p.Name}", p.OutputText))];
}
