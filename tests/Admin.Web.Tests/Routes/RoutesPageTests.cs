using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;
using Microsoft.Playwright;

namespace Admin.Web.Tests.Routes;

/// <summary>The Inbound routes tab in headless Chromium.</summary>
public class RoutesPageTests
{
    private static async Task<WebHarness> SeededAsync()
    {
        var web = await WebHarness.StartAsync();
        await web.AddNumbersAsync(Enumerable.Range(0, 12).Select(WebHarness.Number));
        await web.AddAgentAsync("alice", "1001");
        await web.AddAgentAsync("bob", "1002");
        await web.AddQueueAsync("sales");
        await web.RouteAsync(RouteTarget.Queue("sales"), WebHarness.Number(0), WebHarness.Number(1));
        await web.RouteAsync(RouteTarget.Agent("alice"), WebHarness.Number(2));
        await web.AddUserAsync("root", UserRole.Admin);
        return web;
    }

    private static string Row(int i) => $"#routes tbody tr[data-number='{WebHarness.Number(i)}']";

    [Fact]
    public async Task Queue_rows_are_greyed_out_and_cannot_be_selected()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;
        await page.WaitForSelectorAsync(Row(0));

        Assert.Contains("queue", await page.GetAttributeAsync(Row(0), "class") ?? "", StringComparison.Ordinal);
        Assert.Equal("Inbound queue", await page.InnerTextAsync(Row(0) + " td:nth-child(5)"));
        var box = page.Locator(Row(0) + " input[type=checkbox]");
        Assert.True(await box.IsDisabledAsync());
        await page.ClickAsync("#select-page");
        Assert.False(await box.IsCheckedAsync());
        Assert.True(await page.Locator(Row(5) + " input[type=checkbox]").IsCheckedAsync());
        await browser.ScreenshotAsync("inbound-routes");
    }

    [Fact]
    public async Task The_callback_window_shows_where_set_and_is_empty_where_off()
    {
        await using var web = await SeededAsync();
        // As `routes callback NUMBER --window 7d` and `--window 12h` set them.
        await web.Routes.SetCallbackWindowAsync(new NumberEntry(WebHarness.Number(2)), TimeSpan.FromDays(7), WebHarness.Ct);
        await web.Routes.SetCallbackWindowAsync(new NumberEntry(WebHarness.Number(4)), TimeSpan.FromHours(12), WebHarness.Ct);
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;
        await page.WaitForSelectorAsync(Row(4));

        Assert.Equal("Callback window", await page.InnerTextAsync("#routes thead th:nth-child(7)"));
        Assert.Equal("7d", await page.InnerTextAsync(Row(2) + " td:nth-child(7)"));
        Assert.Equal("12h", await page.InnerTextAsync(Row(4) + " td:nth-child(7)"));
        Assert.Equal("", await page.InnerTextAsync(Row(3) + " td:nth-child(7)"));
        await browser.ScreenshotAsync("callback-window");
    }

    [Fact]
    public async Task The_callback_window_of_picked_numbers_is_set_in_one_pop_up_and_a_bad_window_is_refused()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;
        await page.WaitForSelectorAsync(Row(5));
        Assert.True(await page.Locator("#callback-selected").IsDisabledAsync());

        await page.CheckAsync(Row(4) + " input[type=checkbox]");
        await page.CheckAsync(Row(5) + " input[type=checkbox]");
        await page.ClickAsync("#callback-selected");
        await page.WaitForSelectorAsync("#callback-dialog[open] #callback-title:has-text('Callback window of 2 numbers')");
        await page.FillAsync("#callback-window", "45d");
        await page.ClickAsync("#callback-save");
        await page.WaitForSelectorAsync("#callback-error:has-text('45d')");
        Assert.Null((await web.Routes.ListAsync(DestinationType.Unassigned, WebHarness.Ct)).Single(r => r.Number == WebHarness.Number(4)).CallbackWindow);

        await page.FillAsync("#callback-window", "7d");
        await page.ClickAsync("#callback-save");
        await page.WaitForSelectorAsync("#route-status:has-text('2 numbers now have a 7d callback window.')");
        await page.WaitForSelectorAsync(Row(5) + " td:nth-child(7):text-is('7d')");
        Assert.Equal("7d", await page.InnerTextAsync(Row(4) + " td:nth-child(7)"));
        Assert.Equal("", await page.InnerTextAsync(Row(6) + " td:nth-child(7)"));
        Assert.True(await page.Locator("#callback-selected").IsDisabledAsync());
    }

    [Fact]
    public async Task With_the_keyboard_alone_numbers_are_picked_and_given_a_callback_window()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;
        await page.WaitForSelectorAsync(Row(3));

        // Tab to a row's box and tick it with Space, back up to the toolbar's button, Enter opens the pop-up with the
        // focus in it, typing and Enter saves.
        await browser.TabToAsync(Row(3) + " input[type=checkbox]");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForSelectorAsync("#callback-selected:not([disabled])");
        await browser.TabToAsync("#callback-selected", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#callback-dialog[open]");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.id === 'callback-window'"));
        await page.Keyboard.TypeAsync("12h");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForSelectorAsync("#route-status:has-text('1 number now has a 12h callback window.')");
        Assert.Equal(TimeSpan.FromHours(12), (await web.Routes.ListAsync(DestinationType.Unassigned, WebHarness.Ct)).Single(r => r.Number == WebHarness.Number(3)).CallbackWindow);
    }

    [Fact]
    public async Task At_800_pixels_wide_the_table_and_its_actions_fit_without_sideways_scrolling()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web, width: 800);
        await browser.SignInAsync("root");
        var page = browser.Page;
        await page.WaitForSelectorAsync(Row(5));

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at 800 px");
        foreach (var control in new[] { "#route-type", "#route-search", "#assign-selected", "#callback-selected", "#page-next", Row(5) + " button.link" })
        {
            var box = await page.Locator(control).BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 800, $"{control} is outside the 800 px window");
        }

        await page.ClickAsync(Row(5) + " button.link");
        await page.WaitForSelectorAsync("#edit-dialog[open]");
        var dialog = await page.Locator("#edit-dialog").BoundingBoxAsync();
        Assert.True(dialog is not null && dialog.X >= 0 && dialog.X + dialog.Width <= 800, "the edit pop-up is wider than the window");
        await browser.ScreenshotAsync("inbound-routes-800px");
    }

    [Fact]
    public async Task Filter_multi_select_and_the_assign_pop_up_route_the_chosen_numbers()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;

        await page.SelectOptionAsync("#route-type", "unassigned");
        await page.WaitForSelectorAsync("#page-info:has-text('of 9')");
        var types = await page.Locator("#routes tbody tr td:nth-child(5)").AllInnerTextsAsync();
        Assert.Equal(9, types.Count);
        Assert.All(types, t => Assert.Equal("Not assigned", t));

        await page.CheckAsync(Row(4) + " input[type=checkbox]");
        await page.CheckAsync(Row(7) + " input[type=checkbox]");
        await page.ClickAsync("#assign-selected:has-text('Assign 2 numbers')");
        await page.WaitForSelectorAsync("#assign-dialog[open]");
        await page.SelectOptionAsync("#assign-agent", "bob");
        await browser.ScreenshotAsync("assign-pop-up");
        await page.ClickAsync("#assign-save");

        await page.WaitForSelectorAsync("#route-status:has-text('2 numbers now ring Agent bob.')");
        await page.WaitForSelectorAsync("#page-info:has-text('of 7')");
        var routed = await web.Routes.ListAsync(DestinationType.Agent, WebHarness.Ct);
        Assert.Equal([WebHarness.Number(2), WebHarness.Number(4), WebHarness.Number(7)], routed.Select(r => r.Number));
        Assert.Equal("root via web", (await web.Routes.AuditAsync(WebHarness.Number(4), 1, WebHarness.Ct))[0].Actor);
    }

    [Fact]
    public async Task Searching_by_agent_shows_their_numbers_only()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;

        await page.FillAsync("#route-search", "alice");
        await page.WaitForSelectorAsync("#page-info:has-text('1–1 of 1')");

        Assert.Equal([WebHarness.Number(2)], await page.Locator("#routes tbody tr td:nth-child(2)").AllInnerTextsAsync());
    }

    [Fact]
    public async Task An_all_matching_assign_over_queue_numbers_is_refused_with_the_clis_message_and_changes_nothing()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;
        var before = await web.Routes.ListAsync(null, WebHarness.Ct);

        await page.WaitForSelectorAsync(Row(0));
        await page.CheckAsync("#select-matching");
        await page.ClickAsync("#assign-selected:has-text('Assign 12 numbers')");
        await page.SelectOptionAsync("#assign-agent", "alice");
        await page.ClickAsync("#assign-save");

        var error = page.Locator("#assign-error");
        await error.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await page.WaitForSelectorAsync("#assign-error:has-text('unassign it first')");
        Assert.Equal($"'{WebHarness.Number(0)}' ({WebHarness.Number(0)}) is an inbound number of queue 'sales': unassign it first.", await error.InnerTextAsync());
        await browser.ScreenshotAsync("assign-refused");
        Assert.Equal(before, await web.Routes.ListAsync(null, WebHarness.Ct));
    }

    [Fact]
    public async Task The_edit_pop_up_moves_one_number_to_a_queue()
    {
        await using var web = await SeededAsync();
        await using var browser = await PageSession.OpenAsync(web);
        await browser.SignInAsync("root");
        var page = browser.Page;

        await page.ClickAsync(Row(3) + " button.link");
        await page.WaitForSelectorAsync("#edit-dialog[open]");
        await page.SelectOptionAsync("#edit-type", "queue");
        await page.SelectOptionAsync("#edit-queue", "sales");
        await page.ClickAsync("#edit-save");

        await page.WaitForSelectorAsync($"#route-status:has-text('{WebHarness.Number(3)} now goes to queue sales.')");
        var route = (await web.Routes.ListAsync(DestinationType.Queue, WebHarness.Ct)).Select(r => r.Number);
        Assert.Contains(WebHarness.Number(3), route);
    }
}
