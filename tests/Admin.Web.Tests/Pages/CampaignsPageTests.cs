using LeadDesk.Store.Campaigns;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Pages;

/// <summary>The Campaigns tab (and the company outbound settings on it) in headless Chromium.</summary>
public class CampaignsPageTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync();
        await web.AddNumbersAsync([WebHarness.Number(0), WebHarness.Number(1)]);
        await web.AddUserAsync("root", UserRole.Admin);
        return web;
    }

    [Fact]
    public async Task A_campaign_is_made_with_the_callback_warning_and_the_outbound_policy_is_said_in_words()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("campaigns");
        var page = browser.Page;

        await page.ClickAsync("#campaign-new");
        await page.FillAsync("#campaign-name", "sales");
        await page.FillAsync("#campaign-cid", WebHarness.Number(0));
        await page.FillAsync("#campaign-callername", "Acme Sales");
        await page.ClickAsync("#campaign-save");

        await page.WaitForSelectorAsync("#campaigns-status:has-text('Campaign sales added.')");
        await page.WaitForSelectorAsync("#campaigns tr[data-campaign=sales] td:has-text('Acme Sales')");
        Assert.Equal(WebHarness.Number(0), (await new CampaignRegistry(web.Store, web.Normalizer).FindAsync("sales", WebHarness.Ct))!.CallerId);

        await page.FillAsync("#outbound-regions", "FI,SE");
        await page.ClickAsync("#outbound-save");
        await page.WaitForSelectorAsync("#outbound-policy:has-text('outside FI, SE are refused')");
        await browser.ScreenshotAsync("campaigns");
    }

    [Fact]
    public async Task A_caller_id_outside_the_inventory_is_refused()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("campaigns");
        var page = browser.Page;

        await page.ClickAsync("#campaign-new");
        await page.FillAsync("#campaign-name", "sales");
        await page.FillAsync("#campaign-cid", "+358409999999");
        await page.ClickAsync("#campaign-save");

        await page.WaitForSelectorAsync("#campaign-error .flash.error");
        Assert.Contains("+358409999999", await page.InnerTextAsync("#campaign-error"), StringComparison.Ordinal);
        Assert.Empty(await new CampaignRegistry(web.Store, web.Normalizer).ListAsync(WebHarness.Ct));
    }
}
