using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>
/// The bad-input cases a test tried, by group, with the answer each got. Cases are all tried before anything
/// fails, so one run shows the whole catalogue; <see cref="AssertAll"/> then fails with every miss at once.
/// </summary>
public sealed class Catalogue(ITestOutputHelper output)
{
    private readonly List<Case> cases = [];

    public int Count => cases.Count;

    public void Record(string group, string name, string expected, string actual, bool passed, string? detail = null) =>
        cases.Add(new Case(group, name, expected, actual, passed, detail));

    public void Print(string title)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {title}: {cases.Count} case(s), {cases.Count(c => !c.Passed)} failed ==");
        foreach (var group in cases.GroupBy(c => c.Group))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"-- {group.Key} ({group.Count()}) --");
            foreach (var c in group)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  [{(c.Passed ? "ok" : "FAIL")}] {c.Name}: expected {c.Expected}, got {c.Actual}{(c.Detail is null ? "" : " — " + c.Detail)}");
            }
        }

        output.WriteLine(text.ToString());
    }

    public void AssertAll()
    {
        var failed = cases.Where(c => !c.Passed).ToList();
        Assert.True(failed.Count == 0, string.Join('\n', failed.Select(c => $"{c.Group} / {c.Name}: expected {c.Expected}, got {c.Actual} {c.Detail}")));
    }

    private sealed record Case(string Group, string Name, string Expected, string Actual, bool Passed, string? Detail);
}
