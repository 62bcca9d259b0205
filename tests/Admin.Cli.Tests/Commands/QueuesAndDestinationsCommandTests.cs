namespace Admin.Cli.Tests.Commands;

public class QueuesAndDestinationsCommandTests
{
    [Fact]
    public async Task A_routed_queue_cannot_be_removed()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567");
        await cli.OkAsync("queues", "add", "sales");
        await cli.OkAsync("routes", "queue", "+358401234567", "--queue", "sales");
        var (code, _, err) = await cli.RunAsync("queues", "remove", "sales");
        Assert.Equal(1, code);
        Assert.Contains("+358401234567", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Destinations_are_validated_and_routable()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567");
        Assert.Equal(1, (await cli.RunAsync("destinations", "add", "evil", "--dialplan", "ctx,s,1,System(id)")).Code);
        Assert.Equal(1, (await cli.RunAsync("destinations", "add", "evil", "--dialplan", "ctx$(x),s")).Code);
        Assert.Equal(2, (await cli.RunAsync("destinations", "add", "two", "--endpoint", "PJSIP/2001", "--number", "+358401234599")).Code);

        await cli.OkAsync("destinations", "add", "ivr", "--dialplan", "support-ivr,s,1");
        await cli.OkAsync("destinations", "add", "reception", "--endpoint", "PJSIP/2001");
        await cli.OkAsync("destinations", "add", "mobile", "--number", "0401234599");
        await cli.OkAsync("routes", "custom", "+358401234567", "--destination", "ivr");

        var list = await cli.JsonAsync("destinations", "list");
        Assert.Equal(3, list.GetArrayLength());
        Assert.Equal("+358401234599", list[1].GetProperty("number").GetString());
        Assert.Equal(1, (await cli.RunAsync("destinations", "remove", "ivr")).Code);
    }

    [Fact]
    public async Task Destinations_help_says_support_makes_them()
    {
        using var cli = new CliRun();
        var (code, output, _) = await cli.RunAsync("destinations", "--help");
        Assert.Equal(0, code);
        Assert.Contains("support", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_list_shows_the_call_log()
    {
        using var cli = new CliRun();
        await cli.OkAsync("calls", "list");
        var store = LeadDesk.Store.RoutingStore.Open(cli.DbPath);
        var log = new LeadDesk.Store.CallLog.CallLogStore(store);
        var id = await log.StartAsync("chan-1", DateTimeOffset.UtcNow, "+358401234567", "+358501112222", null, TestContext.Current.CancellationToken);
        await log.CompleteAsync(id, LeadDesk.Store.CallLog.CallOutcome.Busy, new(DateTimeOffset.UtcNow, "agent", "alice"), TestContext.Current.CancellationToken);

        var calls = await cli.JsonAsync("calls", "list", "--limit", "5");

        Assert.Equal("busy", calls[0].GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("+358600123456", "dial policy: +358600123456 is a premium-rate number")]
    [InlineData("+12025550123", "dial policy: +12025550123 is in region US, not in the allowed regions (FI)")]
    public async Task An_external_number_the_dial_policy_refuses_is_not_made(string number, string reason)
    {
        using var cli = new CliRun();
        var (code, _, err) = await cli.RunAsync("destinations", "add", "fraud", "--number", number);

        Assert.Equal(1, code);
        Assert.Contains($"Custom destination 'fraud' cannot be {number}: {reason}.", err, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.JsonAsync("destinations", "list")).GetArrayLength());
    }

    [Fact]
    public async Task A_destination_the_allowed_regions_no_longer_cover_is_listed_with_a_warning()
    {
        using var cli = new CliRun();
        await cli.OkAsync("destinations", "add", "office", "--number", "+358401234599");
        await cli.OkAsync("outbound", "set", "--allowed-regions", "SE");

        var (code, output, err) = await cli.RunAsync("destinations", "list");
        var json = await cli.JsonAsync("destinations", "list");

        Assert.Equal(0, code);
        Assert.Contains("office", output, StringComparison.Ordinal);
        Assert.Contains("warning: custom destination 'office' breaks the dial policy (dial policy: +358401234599 is in region FI, not in the allowed regions (SE))", err, StringComparison.Ordinal);
        Assert.Equal("dial policy: +358401234599 is in region FI, not in the allowed regions (SE)", json[0].GetProperty("dialPolicy").GetString());
    }
}
