using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace PipedriveMaileon.Database.Schema;

/// <summary>The migrations embedded in this assembly, in version order.</summary>
public static partial class MigrationCatalog
{
    private static readonly Lazy<IReadOnlyList<Migration>> All = new(Load);

    public static IReadOnlyList<Migration> Migrations => All.Value;

    public static int LatestVersion => Migrations[^1].Version;

    private static List<Migration> Load()
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (migrations.Count == 0 || migrations.Select(m => m.Version).Distinct().Count() != migrations.Count)
        {
            throw new InvalidOperationException("Embedded migrations are missing or have duplicate versions.");
        }

        return migrations;
    }

    [GeneratedRegex(@"\.Migrations\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
