using LeadDesk.Store.Users;

using Admin.Web.Tests.Admin;

namespace Admin.Web.Tests.Pages;

/// <summary>The Status tab in headless Chromium: the controller's report, and what it says when it cannot be reached.</summary>
public class StatusPageTests
{
    [Fact]
    public async Task The_status_says_what_leaddesk_admin_status_says()
    {
        await using var controller = await ControllerDouble.StartAsync();
        await using var web = await WebHarness.StartAsync($"--WebAdmin:ControllerUrl={controller.Url}");
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("status");
        var page = browser.Page;

        await page.WaitForSelectorAsync("#status-fields dd:has-text('connected to http://127.0.0.1:8088')");
        Assert.Contains("1 waiting, oldest 42 s", await page.InnerTextAsync("#status-fields"), StringComparison.Ordinal);
        Assert.Equal("No calls in the last hour.", await page.InnerTextAsync("#status-hour"));
        await browser.ScreenshotAsync("status");
    }

    [Fact]
    public async Task An_unreachable_controller_is_said_so()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:ControllerUrl=http://127.0.0.1:9/");
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("status");

        await browser.Page.WaitForSelectorAsync("#status-problem:has-text('The route controller cannot be reached')");
        Assert.Contains("http://127.0.0.1:9/", await browser.Page.InnerTextAsync("#status-fields"), StringComparison.Ordinal);
    }
}
