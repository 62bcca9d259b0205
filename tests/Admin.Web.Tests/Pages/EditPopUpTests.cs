using LeadDesk.Store.Campaigns;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Pages;

/// <summary>
/// The edit paths of the Agent, Campaign, User and Number pop-ups in headless Chromium: an existing row opened, changed
/// and saved, the table and the store showing the change (each screen's create path is in its own page tests).
/// </summary>
public class EditPopUpTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync("--WebAdmin:ControllerUrl=http://127.0.0.1:9/");
        await web.AddNumbersAsync([WebHarness.Number(0), WebHarness.Number(1)]);
        await web.AddAgentAsync("alice", "1001");
        await new CampaignRegistry(web.Store, web.Normalizer).AddAsync("spring", WebHarness.Number(0), "Spring Sales", WebHarness.Ct);
        await web.AddUserAsync("root", UserRole.Admin);
        await web.AddUserAsync("helen", UserRole.Support);
        return web;
    }

    [Fact]
    public async Task An_agents_card_is_edited_name_and_campaign_in_one_save()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("agents");
        var page = browser.Page;

        await page.ClickAsync("#agent-list button[data-agent=alice]");
        await page.ClickAsync("#card-edit");
        await page.WaitForSelectorAsync("#agent-dialog[open]");
        Assert.True(await page.Locator("#agent-id").IsDisabledAsync());
        Assert.Equal("Agent alice", await page.InputValueAsync("#agent-name"));
        await page.FillAsync("#agent-name", "Alice Smith");
        await page.SelectOptionAsync("#agent-campaign", "spring");
        await page.ClickAsync("#agent-save");

        await page.WaitForSelectorAsync("#agents-status:has-text('Agent Alice Smith (alice) updated.')");
        await page.WaitForSelectorAsync("#card-fields dd:has-text('spring')");
        var alice = await web.Agents.FindAsync("alice", WebHarness.Ct);
        Assert.Equal("Alice Smith", alice!.Name);
        Assert.Equal("spring", alice.Campaign);
        Assert.False(await page.Locator("#agent-dialog").EvaluateAsync<bool>("d => d.open"));
    }

    [Fact]
    public async Task A_campaigns_caller_id_and_name_are_edited()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("campaigns");
        var page = browser.Page;

        await page.ClickAsync("#campaigns tr[data-campaign=spring] button.link");
        await page.WaitForSelectorAsync("#campaign-dialog[open]");
        Assert.Equal(WebHarness.Number(0), await page.InputValueAsync("#campaign-cid"));
        await page.FillAsync("#campaign-cid", WebHarness.Number(1));
        await page.FillAsync("#campaign-callername", "Spring Team");
        await page.ClickAsync("#campaign-save");

        await page.WaitForSelectorAsync("#campaigns-status:has-text('Campaign spring updated.')");
        await page.WaitForSelectorAsync("#campaigns tr[data-campaign=spring] td:has-text('Spring Team')");
        var spring = await new CampaignRegistry(web.Store, web.Normalizer).FindAsync("spring", WebHarness.Ct);
        Assert.Equal(WebHarness.Number(1), spring!.CallerId);
        Assert.Equal("Spring Team", spring.CallerName);
    }

    [Fact]
    public async Task A_users_role_is_changed_with_a_typed_password_and_the_last_admin_is_refused()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("users");
        var page = browser.Page;

        // The only admin cannot give the role away: the pop-up says why and nothing changes.
        await page.ClickAsync("#users tr[data-user=root] button.link");
        await page.WaitForSelectorAsync("#user-dialog[open]");
        await page.SelectOptionAsync("#user-role", "support");
        await page.ClickAsync("#user-save");
        await page.WaitForSelectorAsync("#user-error:has-text('the last admin')");
        await page.ClickAsync("#user-cancel");
        Assert.Equal(UserRole.Admin, (await new UserDirectory(web.Store).FindAsync("root", WebHarness.Ct))!.Role);

        await page.ClickAsync("#users tr[data-user=helen] button.link");
        await page.WaitForSelectorAsync("#user-dialog[open] #user-role");
        Assert.Equal("support", await page.InputValueAsync("#user-role"));
        await page.SelectOptionAsync("#user-role", "admin");
        await page.FillAsync("#user-password", "helen's new long password");
        await page.ClickAsync("#user-save");

        await page.WaitForSelectorAsync("#users-status:has-text('Saved helen (admin).')");
        await page.WaitForSelectorAsync("#users tr[data-user=helen] td:text-is('admin')");
        var signIn = await new UserDirectory(web.Store).SignInAsync("helen", "helen's new long password", WebHarness.Ct);
        Assert.Equal(UserRole.Admin, signIn.User!.Role);
    }

    [Fact]
    public async Task A_numbers_label_and_owned_mark_are_edited()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        await browser.OpenTabAsync("numbers");
        var page = browser.Page;
        var row = $"#numbers tbody tr[data-number='{WebHarness.Number(1)}']";

        await page.ClickAsync(row + " button.link");
        await page.WaitForSelectorAsync("#number-dialog[open]");
        Assert.True(await page.Locator("#number-owned").IsCheckedAsync());
        await page.FillAsync("#number-label", "Old support line");
        await page.UncheckAsync("#number-owned");
        await page.ClickAsync("#number-save");

        await page.WaitForSelectorAsync($"#numbers-status:has-text('{WebHarness.Number(1)} saved.')");
        await page.WaitForSelectorAsync(row + ".muted-row td:has-text('Old support line')");
        var number = await new NumberInventory(web.Store, web.Normalizer).FindAsync(WebHarness.Number(1), WebHarness.Ct);
        Assert.Equal("Old support line", number!.Label);
        Assert.False(number.Owned);
    }
}
