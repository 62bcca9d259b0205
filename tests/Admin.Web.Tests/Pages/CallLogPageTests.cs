using LeadDesk.Store.CallLog;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Pages;

/// <summary>The Call log tab in headless Chromium: filters in the URL, server paging, a refused filter.</summary>
public class CallLogPageTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync();
        await web.AddAgentAsync("alice", "1001");
        await web.AddUserAsync("root", UserRole.Admin);
        var log = new CallLogStore(web.Store);
        var start = new DateTimeOffset(2025, 6, 2, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 60; i++)
        {
            var id = await log.StartAsync($"c{i}", start.AddSeconds(i * 30), WebHarness.Number(i % 4), "+358451234567", null, WebHarness.Ct);
            await log.CompleteAsync(id, i % 3 == 0 ? CallOutcome.Busy : CallOutcome.Answered,
                new CallCompletion(start.AddSeconds(i * 30 + 20), "agent", "alice", null, start.AddSeconds(i * 30 + 5)), WebHarness.Ct);
        }

        return web;
    }

    [Fact]
    public async Task Filters_page_newest_first_and_survive_a_reload()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("calls");
        var page = browser.Page;
        await page.WaitForSelectorAsync("#calls-info:has-text('1–50')");
        Assert.False(await page.IsDisabledAsync("#calls-next"));

        await page.SelectOptionAsync("#calls-outcome", "busy");
        await page.WaitForSelectorAsync("#calls-info:has-text('1–20')");
        var outcomes = await page.Locator("#calls tbody td:nth-child(7)").AllInnerTextsAsync();
        Assert.Equal(20, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal("busy", o));
        await browser.ScreenshotAsync("call-log");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-ready=calls]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("#calls-info:has-text('1–20')");
        Assert.Equal("busy", await page.InputValueAsync("#calls-outcome"));
        Assert.Contains("outcome=busy", await page.GetAttributeAsync("#calls-export", "href") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_number_that_is_not_one_is_refused_with_a_plain_message()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("calls");
        var page = browser.Page;

        await page.FillAsync("#calls-number", "abc");
        await page.ClickAsync("#calls-apply");

        await page.WaitForSelectorAsync("#calls-error .flash.error");
        Assert.Contains("abc", await page.InnerTextAsync("#calls-error"), StringComparison.Ordinal);
    }
}
