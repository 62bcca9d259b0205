using System.Text.Json;

namespace Admin.Cli.Tests.Commands;

/// <summary><c>routes callback</c> and <c>routes explain</c> (issue 16), run in-process against a temp store.</summary>
public sealed class RoutesCallbackCommandTests
{
    private const string Number = "+358401234570";

    private static async Task<CliRun> WithQueueNumberAsync()
    {
        var cli = new CliRun();
        await cli.OkAsync("numbers", "add", Number);
        await cli.OkAsync("queues", "add", "support");
        await cli.OkAsync("routes", "queue", Number, "--queue", "support");
        return cli;
    }

    [Fact]
    public async Task A_window_is_set_shown_in_routes_list_and_turned_off()
    {
        using var cli = await WithQueueNumberAsync();

        Assert.Equal(0, await cli.OkAsync("routes", "callback", Number, "--window", "7d"));
        var listed = (await cli.RunAsync("routes", "list")).Out;
        Assert.Contains("Callback", listed.Split('\n')[0], StringComparison.Ordinal);
        Assert.Matches(@"\+358401234570 .*Inbound queue\s+7d", listed);
        Assert.Equal("7d", (await cli.JsonAsync("routes", "list")).EnumerateArray().Single().GetProperty("callbackWindow").GetString());

        await cli.OkAsync("routes", "callback", Number, "--window", "36h");
        Assert.Equal("36h", (await cli.JsonAsync("routes", "list")).EnumerateArray().Single().GetProperty("callbackWindow").GetString());

        await cli.OkAsync("routes", "callback", Number, "--off");
        Assert.Equal(JsonValueKind.Null, (await cli.JsonAsync("routes", "list")).EnumerateArray().Single().GetProperty("callbackWindow").ValueKind);
    }

    [Theory]
    [InlineData("31d")]
    [InlineData("721h")]
    [InlineData("0h")]
    [InlineData("7")]
    [InlineData("7w")]
    [InlineData("1.5d")]
    [InlineData("-2d")]
    [InlineData("7d;DROP")]
    public async Task Anything_but_hours_or_days_up_to_30_days_is_refused_with_one_line_and_changes_nothing(string window)
    {
        using var cli = await WithQueueNumberAsync();
        await cli.OkAsync("routes", "callback", Number, "--window", "12h");

        var (code, _, err) = await cli.RunAsync("routes", "callback", Number, "--window", window);

        Assert.Equal(1, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("callback window", err, StringComparison.Ordinal);
        Assert.Equal("12h", (await cli.JsonAsync("routes", "list")).EnumerateArray().Single().GetProperty("callbackWindow").GetString());
    }

    [Fact]
    public async Task Unknown_numbers_are_refused_and_a_window_needs_either_window_or_off()
    {
        using var cli = await WithQueueNumberAsync();

        Assert.Equal(1, (await cli.RunAsync("routes", "callback", "+358409999999", "--window", "7d")).Code);
        Assert.Equal(1, (await cli.RunAsync("routes", "callback", "not-a-number", "--window", "7d")).Code);
        Assert.Equal(2, (await cli.RunAsync("routes", "callback", Number)).Code);
        Assert.Equal(2, (await cli.RunAsync("routes", "callback", Number, "--window", "7d", "--off")).Code);
    }

    [Fact]
    public async Task Explain_says_what_unknown_unassigned_and_agent_numbers_do()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567", "+358401234568");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice Agent", "--extension", "1001", "--email", "alice@example.com");
        await cli.OkAsync("routes", "assign", "+358401234567", "--agent", "alice");
        await cli.OkAsync("agents", "set", "alice", "--unreachable", "voicemail:alice@example.com");

        var unknown = await cli.RunAsync("routes", "explain", "0409999999");
        Assert.Equal(0, unknown.Code);
        Assert.Contains("not in the number inventory", unknown.Out, StringComparison.Ordinal);
        Assert.Contains("404", unknown.Out, StringComparison.Ordinal);

        Assert.Contains("Not assigned", (await cli.RunAsync("routes", "explain", "+358401234568")).Out, StringComparison.Ordinal);

        var agent = (await cli.RunAsync("routes", "explain", "+358401234567")).Out;
        Assert.Contains("logged out", agent, StringComparison.Ordinal);
        Assert.Contains("voicemail, e-mailed to alice@example.com", agent, StringComparison.Ordinal);
        Assert.Contains("has recorded no greeting", agent, StringComparison.Ordinal);
        Assert.Contains("Callback routing is off", agent, StringComparison.Ordinal);

        var notANumber = await cli.RunAsync("routes", "explain", "hello");
        Assert.Equal(1, notANumber.Code);
        Assert.Single(notANumber.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Explain_names_the_callback_agent_for_a_caller_and_what_happens_when_they_cannot_take_it()
    {
        using var cli = await WithQueueNumberAsync();
        await cli.OkAsync("agents", "add", "bob", "--name", "Bob Agent", "--extension", "1002", "--email", "bob@example.com");
        await cli.OkAsync("agents", "login", "bob");
        await cli.OkAsync("routes", "callback", Number, "--window", "7d");
        await AnsweredOutboundAsync(cli, "bob", "+358451234567", DateTimeOffset.UtcNow.AddHours(-1));
        await AnsweredOutboundAsync(cli, "bob", "+358451234599", DateTimeOffset.UtcNow.AddDays(-8));

        var json = await cli.JsonAsync("routes", "explain", Number, "--from", "0451234567");
        Assert.Equal("ring-first", json.GetProperty("callback").GetProperty("rule").GetString());
        Assert.Equal("bob", json.GetProperty("callback").GetProperty("agent").GetString());
        Assert.Equal("queue", json.GetProperty("route").GetString());
        var text = (await cli.RunAsync("routes", "explain", Number, "--from", "0451234567")).Out;
        Assert.Contains("queue 'support'", text, StringComparison.Ordinal);
        Assert.Contains("agent bob (Bob Agent) spoke with this caller last", text, StringComparison.Ordinal);
        Assert.Contains("If bob is on a call, busy, or does not answer", text, StringComparison.Ordinal);

        Assert.Equal("window-expired", (await cli.JsonAsync("routes", "explain", Number, "--from", "+358451234599")).GetProperty("callback").GetProperty("rule").GetString());
        Assert.Equal("no-answered-call", (await cli.JsonAsync("routes", "explain", Number, "--from", "+358451111111")).GetProperty("callback").GetProperty("rule").GetString());
        Assert.Equal("no-caller-number", (await cli.JsonAsync("routes", "explain", Number, "--from", "anonymous")).GetProperty("callback").GetProperty("rule").GetString());

        await cli.OkAsync("agents", "logout", "bob");
        Assert.Contains("is logged out: the route above at once", (await cli.RunAsync("routes", "explain", Number, "--from", "0451234567")).Out, StringComparison.Ordinal);
    }

    // The controller writes these rows; here the call log is the controller's store API, as the controller uses it.
    private static async Task AnsweredOutboundAsync(CliRun cli, string agent, string lead, DateTimeOffset at)
    {
        var log = new LeadDesk.Store.CallLog.CallLogStore(LeadDesk.Store.RoutingStore.Open(cli.DbPath));
        var id = (await log.WriteBatchAsync([new LeadDesk.Store.CallLog.CallLogWrite.Start("out-" + lead, at, lead, "1002", null, LeadDesk.Store.CallLog.CallDirection.Outbound, lead)]))[0];
        await log.CompleteAsync(id, LeadDesk.Store.CallLog.CallOutcome.Answered, new LeadDesk.Store.CallLog.CallCompletion(at.AddMinutes(2), "outbound", agent, CallerIdUsed: Number));
    }
}
