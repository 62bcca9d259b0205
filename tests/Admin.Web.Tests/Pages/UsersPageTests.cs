using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Pages;

/// <summary>The Users tab in headless Chromium.</summary>
public class UsersPageTests
{
    [Fact]
    public async Task An_agent_user_is_added_with_a_password_shown_once()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("users");
        var page = browser.Page;

        await page.ClickAsync("#user-new");
        await page.FillAsync("#user-name", "al");
        await page.SelectOptionAsync("#user-role", "agent");
        await page.SelectOptionAsync("#user-agent", "alice");
        await page.ClickAsync("#user-save");

        await page.WaitForSelectorAsync("#users-status:has-text('Added al (agent). Their password (shown once):')");
        await page.WaitForSelectorAsync("#users tr[data-user=al] td:has-text('alice')");
        var user = await new UserDirectory(web.Store).FindAsync("al", WebHarness.Ct);
        Assert.Equal(UserRole.Agent, user!.Role);
        await browser.ScreenshotAsync("users");
    }

    [Fact]
    public async Task A_short_password_is_refused_and_no_user_is_made()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("users");
        var page = browser.Page;

        await page.ClickAsync("#user-new");
        await page.FillAsync("#user-name", "help");
        await page.FillAsync("#user-password", "short");
        await page.ClickAsync("#user-save");

        await page.WaitForSelectorAsync("#user-error .flash.error");
        Assert.Contains("10", await page.InnerTextAsync("#user-error"), StringComparison.Ordinal);
        Assert.Null(await new UserDirectory(web.Store).FindAsync("help", WebHarness.Ct));
    }
}
