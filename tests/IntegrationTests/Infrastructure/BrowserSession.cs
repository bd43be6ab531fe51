using Microsoft.Playwright;

namespace PipedriveMaileon.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's chromium driven by Playwright (never a downloaded browser). Fails, not skips, when chromium is
/// missing: ./test.sh installs it. Screenshots go to TestResults/screenshots. With
/// <c>blockThirdPartyCookies</c> the browser runs a profile of its own whose cookie setting is "block third-party
/// cookies" (Chromium's <c>profile.cookie_controls_mode</c> = 1, the setting a user picks in chrome://settings/cookies),
/// as Safari and Chrome's tracking protection do; with <c>false</c> that profile allows them (mode 0), for controls.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright playwright;
    private readonly IBrowser? browser;
    private readonly string? profile;

    private BrowserSession(IPlaywright playwright, IBrowser? browser, IBrowserContext context, IPage page, string? profile = null)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.profile = profile;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does: apt-get install chromium).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new BrowserSession(playwright, browser, context, page);
    }

    /// <summary>A browser with its own profile whose cookie setting blocks (or explicitly allows) third-party cookies.</summary>
    public static async Task<BrowserSession> StartAsync(bool blockThirdPartyCookies)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does: apt-get install chromium).");
        }

        var profile = Directory.CreateTempSubdirectory("pm-chromium-").FullName;
        Directory.CreateDirectory(Path.Combine(profile, "Default"));
        await File.WriteAllTextAsync(Path.Combine(profile, "Default", "Preferences"),
            $"{{\"profile\":{{\"cookie_controls_mode\":{(blockThirdPartyCookies ? 1 : 0)}}}}}");
        var playwright = await Playwright.CreateAsync();
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
            AcceptDownloads = true,
        });
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        return new BrowserSession(playwright, null, context, page, profile);
    }

    /// <param name="fullPage">false: the viewport only (content of cross-site iframes is painted only there).</param>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var folder = Path.Combine(RepositoryLayout.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright.Dispose();
        if (profile is not null)
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
