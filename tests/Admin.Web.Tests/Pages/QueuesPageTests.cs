using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Pages;

/// <summary>The Queues tab in headless Chromium.</summary>
public class QueuesPageTests
{
    [Fact]
    public async Task A_queue_is_added_and_shown_with_the_numbers_that_feed_it()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddNumbersAsync([WebHarness.Number(0)]);
        await web.AddQueueAsync("support");
        await web.RouteAsync(RouteTarget.Queue("support"), WebHarness.Number(0));
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("queues");
        var page = browser.Page;

        await page.FillAsync("#queue-name", "sales");
        await page.PressAsync("#queue-name", "Enter");

        await page.WaitForSelectorAsync("#queues-status:has-text('Queue sales added')");
        await page.WaitForSelectorAsync($"#queues tr[data-queue=support] td:has-text('{WebHarness.Number(0)}')");
        Assert.Contains("sales", (await new QueueRegistry(web.Store).ListAsync(WebHarness.Ct)).Select(q => q.Name));
        await browser.ScreenshotAsync("queues");
    }

    [Fact]
    public async Task A_bad_queue_name_is_refused_with_the_clis_message()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("queues");
        var page = browser.Page;

        await page.FillAsync("#queue-name", "no spaces please");
        await page.ClickAsync("#queue-add");

        await page.WaitForSelectorAsync("#queue-error .flash.error");
        Assert.Contains("no spaces please", await page.InnerTextAsync("#queue-error"), StringComparison.Ordinal);
        Assert.Empty(await new QueueRegistry(web.Store).ListAsync(WebHarness.Ct));
    }
}
