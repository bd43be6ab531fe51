namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>Where the repository and the built programs are, seen from the running test assembly.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the same configuration the tests were built with.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    /// <summary>The built entry assembly of <c>src/{project}</c>, e.g. <c>Silo</c>.</summary>
    public static string Program(string project)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", $"PipedriveMaileon.{project}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built; build the solution (./test.sh does) before running these tests.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PipedriveMaileon.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PipedriveMaileon.sln not found above " + AppContext.BaseDirectory);
    }
}
