namespace Admin.Cli.Tests.Commands;

/// <summary><c>campaigns</c>, <c>outbound</c>, <c>agents set --campaign</c> and what <c>agents show</c> says about caller IDs.</summary>
public sealed class CampaignsCommandTests
{
    private const string Card = "+358401234567";
    private const string Sales = "+358401234570";
    private const string Default = "+358401234580";

    private static async Task<CliRun> SetUpAsync()
    {
        var cli = new CliRun();
        await cli.OkAsync("numbers", "add", Card, Sales, Default);
        await cli.OkAsync("queues", "add", "support");
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "alice@example.com");
        return cli;
    }

    [Fact]
    public async Task A_caller_id_whose_callbacks_go_elsewhere_is_set_with_a_warning_on_stderr_and_in_json()
    {
        using var cli = await SetUpAsync();
        await cli.OkAsync("routes", "queue", Card, "--queue", "support");

        var (code, _, err) = await cli.RunAsync("agents", "set", "alice", "--outbound-cid", Card);
        Assert.Equal(0, code);
        Assert.Contains("warning: callbacks to +358401234567 go to queue support, not to alice", err, StringComparison.Ordinal);

        var json = await cli.JsonAsync("agents", "set", "alice", "--outbound-cid", Card);
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("callbacks to +358401234567 go to queue support, not to alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agents_show_says_which_caller_id_calls_carry_now_and_why()
    {
        using var cli = await SetUpAsync();
        var refused = (await cli.JsonAsync("agents", "show", "alice")).GetProperty("callsOutAs");
        Assert.True(refused.GetProperty("refused").GetBoolean());

        await cli.OkAsync("outbound", "set", "--default-caller-id", Default);
        Assert.Equal("default", (await cli.JsonAsync("agents", "show", "alice")).GetProperty("callsOutAs").GetProperty("source").GetString());

        await cli.OkAsync("campaigns", "add", "sales", "--caller-id", Sales, "--caller-name", "Acme Sales");
        await cli.OkAsync("agents", "set", "alice", "--campaign", "sales");
        var campaign = (await cli.JsonAsync("agents", "show", "alice")).GetProperty("callsOutAs");
        Assert.Equal((Sales, "campaign", "Acme Sales"), (campaign.GetProperty("number").GetString(), campaign.GetProperty("source").GetString(), campaign.GetProperty("callerName").GetString()));

        var (code, _, err) = await cli.RunAsync("agents", "set", "alice", "--outbound-cid", Card);
        Assert.Equal(0, code);
        Assert.Contains("callbacks to +358401234567 go to nowhere", err, StringComparison.Ordinal);
        var (_, text, _) = await cli.RunAsync("agents", "show", "alice");
        Assert.Contains("+358401234567 \"Acme Sales\": the agent's own caller ID on their card", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Joining_a_campaign_while_the_card_has_its_own_caller_id_warns_that_the_card_wins()
    {
        using var cli = await SetUpAsync();
        await cli.OkAsync("routes", "assign", Card, "--agent", "alice");
        await cli.OkAsync("agents", "set", "alice", "--outbound-cid", Card);
        await cli.OkAsync("campaigns", "add", "sales", "--caller-id", Sales);

        var (code, _, err) = await cli.RunAsync("agents", "set", "alice", "--campaign", "sales");

        Assert.Equal(0, code);
        Assert.Contains("wins over campaign sales", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("campaigns", "add", "sales", "--caller-id", "+358409999999")]
    [InlineData("campaigns", "add", "sales", "--caller-id", "not-a-number")]
    [InlineData("campaigns", "add", "sales", "--caller-id", Sales, "--caller-name", "\"Evil\" <1001>")]
    [InlineData("campaigns", "add", "bad name", "--caller-id", Sales)]
    [InlineData("outbound", "set", "--default-caller-id", "+358409999999")]
    [InlineData("outbound", "set", "--allowed-regions", "FI,XX")]
    [InlineData("agents", "set", "alice", "--campaign", "nosuch")]
    public async Task Bad_input_is_refused_with_one_line_and_changes_nothing(params string[] args)
    {
        using var cli = await SetUpAsync();
        var before = (await cli.RunAsync("--json", "campaigns", "list")).Out + (await cli.RunAsync("--json", "outbound", "show")).Out + (await cli.RunAsync("--json", "agents", "list")).Out;

        var (code, _, err) = await cli.RunAsync(args);

        Assert.Equal(1, code);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal(before, (await cli.RunAsync("--json", "campaigns", "list")).Out + (await cli.RunAsync("--json", "outbound", "show")).Out + (await cli.RunAsync("--json", "agents", "list")).Out);
    }

    [Fact]
    public async Task A_campaign_is_listed_changed_and_removed_only_once_no_agent_belongs()
    {
        using var cli = await SetUpAsync();
        await cli.OkAsync("campaigns", "add", "sales", "--caller-id", Sales);
        await cli.OkAsync("campaigns", "set", "sales", "--caller-name", "Acme");
        await cli.OkAsync("agents", "set", "alice", "--campaign", "sales");

        var listed = Assert.Single((await cli.JsonAsync("campaigns", "list")).EnumerateArray());
        Assert.Equal("Acme", listed.GetProperty("callerName").GetString());
        Assert.Equal("alice", Assert.Single(listed.GetProperty("agents").EnumerateArray()).GetString());

        var (code, _, err) = await cli.RunAsync("campaigns", "remove", "sales");
        Assert.Equal(1, code);
        Assert.Contains("alice", err, StringComparison.Ordinal);

        await cli.OkAsync("agents", "set", "alice", "--campaign", "none");
        await cli.OkAsync("campaigns", "remove", "sales");
        Assert.Empty((await cli.JsonAsync("campaigns", "list")).EnumerateArray());
    }

    [Fact]
    public async Task Outbound_show_gives_the_default_region_until_regions_are_set()
    {
        using var cli = await SetUpAsync();
        Assert.Equal("FI", Assert.Single((await cli.JsonAsync("outbound", "show")).GetProperty("allowedRegions").EnumerateArray()).GetString());

        await cli.OkAsync("outbound", "set", "--allowed-regions", "fi,se");

        var shown = await cli.JsonAsync("outbound", "show");
        Assert.Equal(["FI", "SE"], shown.GetProperty("allowedRegions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, (await cli.RunAsync("outbound", "set")).Code);
    }

    [Fact]
    public async Task Calls_list_filters_by_direction_and_refuses_anything_else()
    {
        using var cli = await SetUpAsync();
        Assert.Empty((await cli.JsonAsync("calls", "list", "--direction", "outbound")).EnumerateArray());
        Assert.Equal(2, (await cli.RunAsync("calls", "list", "--direction", "sideways")).Code);
    }
}
