using Microsoft.Playwright;
using PipedriveMaileon.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace PipedriveMaileon.IntegrationTests.Walkthrough;

/// <summary>
/// The walkthrough's pictures: written to <c>TestResults/screenshots/walkthrough</c> on every run, and copied over the
/// README's <c>docs/screenshots</c> when <c>PIPEDRIVEMAILEON_UPDATE_SCREENSHOTS=1</c> (not by default: the pages carry
/// times and ids, so every run would change the committed files).
/// </summary>
public sealed class WalkthroughScreenshots(ITestOutputHelper output)
{
    public const string UpdateVariable = "PIPEDRIVEMAILEON_UPDATE_SCREENSHOTS";

    public static readonly IReadOnlyList<string> Names =
    [
        "01-pipedrive-sandbox", "02-consent", "03-maileon-key", "04-settings-saved", "05-awaiting-confirmation",
        "06-confirm-doi", "07-subscribed", "08-deal-event", "09-unsubscribed",
    ];

    public static string DocsFolder { get; } = Path.Combine(RepositoryLayout.Root, "docs", "screenshots");

    private static string ResultsFolder { get; } = Path.Combine(RepositoryLayout.Root, "TestResults", "screenshots", "walkthrough");

    private readonly List<string> taken = [];

    /// <summary>The visible part of the page (1280×1000), as a person sees it.</summary>
    public Task PageAsync(IPage page, string name) =>
        TakeAsync(name, path => page.ScreenshotAsync(new PageScreenshotOptions { Path = path }));

    /// <summary>Just one part of a page (a table), so the picture shows what the step is about.</summary>
    public Task ElementAsync(ILocator element, string name) =>
        TakeAsync(name, path => element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path }));

    /// <summary>Copies the pictures to docs/screenshots when asked to; every README picture must have been taken.</summary>
    public void PublishIfAsked()
    {
        Assert.Equal(Names, taken);
        if (Environment.GetEnvironmentVariable(UpdateVariable) != "1")
        {
            return;
        }

        Directory.CreateDirectory(DocsFolder);
        foreach (var name in taken)
        {
            File.Copy(Path.Combine(ResultsFolder, name + ".png"), Path.Combine(DocsFolder, name + ".png"), overwrite: true);
        }

        output.WriteLine($"copied {taken.Count} screenshots to {DocsFolder}");
    }

    private async Task TakeAsync(string name, Func<string, Task<byte[]>> screenshot)
    {
        Assert.Contains(name, Names);
        Directory.CreateDirectory(ResultsFolder);
        var path = Path.Combine(ResultsFolder, name + ".png");
        await screenshot(path);
        taken.Add(name);
        output.WriteLine("screenshot: " + path);
    }
}
