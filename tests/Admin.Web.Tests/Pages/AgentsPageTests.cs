using LeadDesk.Store.Users;

using Admin.Web.Tests.Admin;

namespace Admin.Web.Tests.Pages;

/// <summary>The Agents tab in headless Chromium: create, the card with "Calls out as", who is on a call.</summary>
public class AgentsPageTests
{
    [Fact]
    public async Task An_agent_is_created_and_the_card_says_how_they_call_out_and_who_is_on_a_call()
    {
        await using var controller = await ControllerDouble.StartAsync();
        await using var web = await WebHarness.StartAsync($"--WebAdmin:ControllerUrl={controller.Url}");
        await web.AddNumbersAsync([WebHarness.Number(0)]);
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("agents");
        var page = browser.Page;

        await page.WaitForSelectorAsync("#presence-note:has-text('0 logged in, 1 on a call now.')");
        await page.WaitForSelectorAsync("#agent-list button[data-agent=alice]:has-text('on a call')");
        await page.ClickAsync("#agent-new");
        await page.FillAsync("#agent-id", "erin");
        await page.FillAsync("#agent-name", "Erin Agent");
        await page.FillAsync("#agent-extension", "1005");
        await page.FillAsync("#agent-emails", "erin@example.com");
        await page.FillAsync("#agent-cid", WebHarness.Number(0));
        await page.ClickAsync("#agent-save");

        // The number is not routed to Erin: saved, with the CLI's callback warning where the caller ID was set.
        await page.WaitForSelectorAsync("#agent-warning:has-text('Warning:')");
        await page.ClickAsync("#agent-cancel");
        await page.WaitForSelectorAsync($"#card-fields dd:has-text(\"{WebHarness.Number(0)}: the agent's own caller ID on their card\")");
        Assert.Equal("Erin Agent", (await web.Agents.FindAsync("erin", WebHarness.Ct))!.Name);
        await browser.ScreenshotAsync("agents");
    }

    [Fact]
    public async Task A_taken_extension_is_refused_and_no_agent_is_made()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:ControllerUrl=http://127.0.0.1:9/");
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("agents");
        var page = browser.Page;

        await page.WaitForSelectorAsync("#presence-note:has-text('Who is on a call is not known')");
        await page.ClickAsync("#agent-new");
        await page.FillAsync("#agent-id", "bob");
        await page.FillAsync("#agent-name", "Bob Agent");
        await page.FillAsync("#agent-extension", "1001");
        await page.FillAsync("#agent-emails", "bob@example.com");
        await page.ClickAsync("#agent-save");

        await page.WaitForSelectorAsync("#agent-error .flash.error");
        Assert.Contains("1001", await page.InnerTextAsync("#agent-error"), StringComparison.Ordinal);
        Assert.Null(await web.Agents.FindAsync("bob", WebHarness.Ct));
    }
}
