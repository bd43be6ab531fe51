using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PipedriveMaileon.UnitTests.Conventions;

/// <summary>The repository's C# sources (build output excluded), parsed once per test run.</summary>
internal static class SourceTree
{
    private static readonly Lazy<IReadOnlyList<SourceFile>> AllFiles = new(Load);

    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<SourceFile> Files => AllFiles.Value;

    public static IEnumerable<SourceFile> Under(params string[] folders) =>
        Files.Where(file => folders.Any(folder => file.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal)));

    private static IReadOnlyList<SourceFile> Load()
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        return new[] { "src", "tests", "bench" }
            .Select(folder => Path.Combine(Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path))
            .Select(path => new SourceFile(
                Path.GetRelativePath(Root, path).Replace('\\', '/'),
                CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path)))
            .OrderBy(file => file.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("obj") || parts.Contains("bin") || parts.Contains("node_modules");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PipedriveMaileon.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"PipedriveMaileon.sln not found above {AppContext.BaseDirectory}");
    }
}
