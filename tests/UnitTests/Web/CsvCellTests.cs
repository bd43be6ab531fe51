using PipedriveMaileon.Web.Settings;

namespace PipedriveMaileon.UnitTests.Web;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+2", "'\t=1+2")]
    [InlineData("\r=1+2", "\"'\r=1+2\"")]
    public void Values_a_spreadsheet_would_run_as_a_formula_start_with_an_apostrophe(string value, string cell) =>
        Assert.Equal(cell, CsvCell.Format(value));

    [Theory]
    [InlineData(null, "")]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("Smith, Ada", "\"Smith, Ada\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void Other_values_are_quoted_only_where_RFC_4180_needs_it(string? value, string cell) =>
        Assert.Equal(cell, CsvCell.Format(value));
}
