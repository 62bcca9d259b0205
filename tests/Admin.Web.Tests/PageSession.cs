using Microsoft.Playwright;

namespace Admin.Web.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download), headless, resolving nothing but loopback so it
/// never looks for update servers. Skips, naming the reason, where /usr/bin/chromium is absent.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PageSession(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, WebHarness web)
    {
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
        Web = web;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public WebHarness Web { get; }

    /// <summary>Screenshots are test artifacts: bin/.../screenshots/NAME.png.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <param name="fakeMicrophone">Chromium's fake capture device and an accepted permission prompt, for recording.</param>
    /// <param name="width">The window's width in CSS pixels (the issue asks for 800 to work).</param>
    public static async Task<PageSession> OpenAsync(WebHarness web, bool fakeMicrophone = false, int width = 1200)
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Skip($"{ChromiumPath} is not installed (apt-get install chromium; .ci/run installs it): browser tests cannot run.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--autoplay-policy=no-user-gesture-required",
                .. fakeMicrophone ? new[] { "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream" } : [],
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = web.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
            Permissions = fakeMicrophone ? ["microphone"] : [],
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new PageSession(playwright, browser, context, page, web);
    }

    /// <summary>Signs in through the sign-in page, as a person would, and waits for the first tab.</summary>
    public async Task SignInAsync(string name)
    {
        await Page.GotoAsync("/");
        await Page.WaitForURLAsync("**/public/signin.html");
        await Page.FillAsync("#name", name);
        await Page.FillAsync("#password", WebHarness.Password);
        await Page.ClickAsync("#signin");
        await Page.WaitForSelectorAsync("#who:has-text('" + name + "')");
    }

    /// <summary>
    /// bin/.../screenshots/NAME.png; with <c>LEADDESK_SCREENSHOTS=docs</c> also the repository's docs/images/NAME.png,
    /// the pictures docs/web-admin.md shows (so a normal test run never rewrites tracked files).
    /// </summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var bytes = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png") });
        if (Environment.GetEnvironmentVariable("LEADDESK_SCREENSHOTS") == "docs" && DocsImages() is { } docs)
        {
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), bytes);
        }
    }

    /// <summary>
    /// Presses Tab (Shift+Tab when <paramref name="backwards"/>) until <paramref name="selector"/> has the focus, as a
    /// keyboard user moves; fails when it is not reached within <paramref name="most"/> presses (not focusable, or
    /// out of the tab order).
    /// </summary>
    public async Task TabToAsync(string selector, bool backwards = false, int most = 80)
    {
        for (var i = 0; i < most; i++)
        {
            if (await Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }

            await Page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        Assert.Fail($"{selector} was not reached with {most} presses of {(backwards ? "Shift+Tab" : "Tab")}.");
    }

    /// <summary>Opens the first tab <paramref name="tab"/> through its tab button and waits until its data is shown.</summary>
    public async Task OpenTabAsync(string tab)
    {
        await Page.ClickAsync($"#tabs [data-tab={tab}]");
        await Page.WaitForSelectorAsync($"body[data-ready={tab}]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
    }

    private static string? DocsImages()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.Ari.sln")))
            {
                return Path.Combine(dir.FullName, "docs", "images");
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
