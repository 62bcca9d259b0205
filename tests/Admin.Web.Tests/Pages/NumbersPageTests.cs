using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Pages;

/// <summary>The Numbers tab in headless Chromium.</summary>
public class NumbersPageTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync();
        await web.AddNumbersAsync(Enumerable.Range(0, 3).Select(WebHarness.Number));
        await web.AddQueueAsync("sales");
        await web.RouteAsync(RouteTarget.Queue("sales"), WebHarness.Number(0));
        await web.AddUserAsync("root", UserRole.Admin);
        return web;
    }

    [Fact]
    public async Task A_pasted_list_is_previewed_and_added()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("numbers");
        var page = browser.Page;

        await page.ClickAsync("#numbers-add");
        await page.FillAsync("#numbers-text", "+358409000001,Sales line\n0409000002");
        await page.ClickAsync("#numbers-check");
        await page.WaitForSelectorAsync("#numbers-preview-summary:has-text('2 to add, 0 to update, 0 already as given, 0 refused.')");
        await browser.ScreenshotAsync("numbers-add");
        await page.ClickAsync("#numbers-save:has-text('Add 2 numbers')");

        await page.WaitForSelectorAsync("#numbers-status:has-text('Added 2 numbers, updated 0.')");
        await page.WaitForSelectorAsync("#numbers tbody tr[data-number='+358409000001'] td:has-text('Sales line')");
        Assert.Equal("Sales line", (await new NumberInventory(web.Store, web.Normalizer).FindAsync("+358409000001", WebHarness.Ct))!.Label);
        await browser.ScreenshotAsync("numbers");
    }

    [Fact]
    public async Task A_routed_number_is_not_removed_and_the_page_says_why()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("numbers");
        var page = browser.Page;

        await page.ClickAsync($"#numbers tbody tr[data-number='{WebHarness.Number(0)}'] button.link");
        await page.ClickAsync("#number-remove");
        await page.ClickAsync("#confirm-yes");

        await page.WaitForSelectorAsync("#numbers-status:has-text('unassign it first')");
        Assert.NotNull(await new NumberInventory(web.Store, web.Normalizer).FindAsync(WebHarness.Number(0), WebHarness.Ct));
    }
}
