using PipedriveMaileon.Database.Schema;

namespace PipedriveMaileon.UnitTests.Database;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void Migrations_are_numbered_without_gaps_from_one()
    {
        var versions = MigrationCatalog.Migrations.Select(m => m.Version).ToList();

        Assert.Equal(Enumerable.Range(1, versions.Count), versions);
    }

    [Fact]
    public void The_orleans_catalogue_comes_before_the_providers_that_fill_it()
    {
        var first = MigrationCatalog.Migrations[0];

        Assert.Contains("CREATE TABLE OrleansQuery", first.Sql, StringComparison.Ordinal);
        Assert.All(MigrationCatalog.Migrations.Skip(1).Where(m => m.Sql.Contains("INSERT INTO OrleansQuery", StringComparison.Ordinal)), m => Assert.True(m.Version > 1));
    }

    [Fact]
    public void The_checksum_ignores_line_endings_but_not_content()
    {
        var unix = new Migration(1, "x", "SELECT 1;\nSELECT 2;\n");
        var windows = new Migration(1, "x", "SELECT 1;\r\nSELECT 2;\r\n");
        var edited = new Migration(1, "x", "SELECT 1;\nSELECT 3;\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }
}
