using Microsoft.Data.Sqlite;

namespace Admin.Cli.Tests;

/// <summary>Issue 22's CLI points outside routes: labels, ownership, agent ids, destinations, greetings, settings.</summary>
public class NewcomerEdgeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<System.Text.Json.JsonElement> NumberAsync(CliRun cli) => (await cli.JsonAsync("numbers", "list"))[0];

    [Fact]
    public async Task An_empty_label_is_refused_and_clear_label_clears_it()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567", "--label", "Sales");

        var (code, _, err) = await cli.RunAsync("numbers", "add", "+358401234567", "--label", "");
        Assert.Equal(2, code);
        Assert.Contains("--clear-label", err, StringComparison.Ordinal);
        Assert.Equal("Sales", (await NumberAsync(cli)).GetProperty("label").GetString());

        await cli.OkAsync("numbers", "add", "+358401234567", "--clear-label");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await NumberAsync(cli)).GetProperty("label").ValueKind);
    }

    [Fact]
    public async Task Re_adding_a_number_unchanged_says_nothing_changed()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567", "--label", "Sales");
        var (code, output, _) = await cli.RunAsync("numbers", "add", "+358401234567");
        Assert.Equal(0, code);
        Assert.StartsWith("Nothing changed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_adding_a_not_owned_number_keeps_it_not_owned_unless_told()
    {
        using var cli = new CliRun();
        await cli.OkAsync("numbers", "add", "+358401234567", "--not-owned");
        await cli.OkAsync("numbers", "add", "+358401234567", "--label", "Relabelled");
        Assert.False((await NumberAsync(cli)).GetProperty("owned").GetBoolean());

        var csv = Path.Combine(cli.Directory, "n.csv");
        await File.WriteAllTextAsync(csv, "number,label\n+358401234567,Imported\n", Ct);
        await cli.OkAsync("numbers", "import", csv);
        Assert.False((await NumberAsync(cli)).GetProperty("owned").GetBoolean());

        await cli.OkAsync("numbers", "add", "+358401234567", "--owned");
        Assert.True((await NumberAsync(cli)).GetProperty("owned").GetBoolean());
        Assert.Equal(2, (await cli.RunAsync("numbers", "add", "+358401234567", "--owned", "--not-owned")).Code);
    }

    [Fact]
    public async Task Agent_ids_are_case_insensitive()
    {
        using var cli = new CliRun();
        await cli.OkAsync("agents", "add", "Alice", "--name", "Alice", "--extension", "1001", "--email", "alice@example.com");
        var (code, _, err) = await cli.RunAsync("agents", "add", "ALICE", "--name", "Other", "--extension", "1002", "--email", "o@example.com");
        Assert.Equal(1, code);
        Assert.Contains("already exists", err, StringComparison.Ordinal);

        await cli.OkAsync("agents", "login", "aLiCe");
        var agent = await cli.JsonAsync("agents", "show", "ALICE");
        Assert.Equal("alice", agent.GetProperty("id").GetString());
        Assert.True(agent.GetProperty("loggedIn").GetBoolean());
    }

    [Fact]
    public async Task Agents_set_without_options_says_nothing_changed()
    {
        using var cli = new CliRun();
        await cli.OkAsync("agents", "add", "bob", "--name", "Bob", "--extension", "1002", "--email", "bob@example.com");
        var (code, output, err) = await cli.RunAsync("agents", "set", "bob");
        Assert.Equal(0, code);
        Assert.Contains("nothing to change", err, StringComparison.Ordinal);
        Assert.Contains("unchanged", output, StringComparison.Ordinal);
        Assert.Equal(1, (await cli.RunAsync("agents", "set", "nobody")).Code);
    }

    [Fact]
    public async Task Greeting_restore_without_to_is_a_usage_error()
    {
        using var cli = new CliRun();
        await cli.OkAsync("agents", "add", "alice", "--name", "Alice", "--extension", "1001", "--email", "alice@example.com");
        var (code, _, err) = await cli.RunAsync("agents", "greeting", "alice", "--restore");
        Assert.Equal(2, code);
        Assert.Contains("--restore needs --to", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dialplan", "from-carrier,s,1", "comes straight back")]
    [InlineData("--dialplan", "FROM-CARRIER,+358401234567", "comes straight back")]
    [InlineData("--endpoint", "FOO/1", "channel technology 'FOO'")]
    [InlineData("--endpoint", "SIP/2001", "channel technology 'SIP'")]
    [InlineData("--endpoint", "PJSIP/carrier", "carrier trunk itself")]
    [InlineData("--endpoint", "PJSIP/mytrunk", "carrier trunk itself")]
    public async Task Destinations_that_loop_or_cannot_be_dialled_are_refused(string option, string value, string expected)
    {
        using var cli = new CliRun(new() { ["Routing:OutboundTrunk"] = "mytrunk" });
        var (code, _, err) = await cli.RunAsync("destinations", "add", "x", option, value);
        Assert.Equal(1, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.JsonAsync("destinations", "list")).GetArrayLength());
    }

    [Fact]
    public async Task A_number_destination_without_an_outbound_trunk_is_added_with_a_warning()
    {
        using var cli = new CliRun();
        var (code, _, err) = await cli.RunAsync("destinations", "add", "mobile", "--number", "+358401234599");
        Assert.Equal(0, code);
        Assert.Contains("warning: Routing:OutboundTrunk is empty", err, StringComparison.Ordinal);

        using var configured = new CliRun(new() { ["Routing:OutboundTrunk"] = "carrier" });
        (code, _, err) = await configured.RunAsync("destinations", "add", "mobile", "--number", "+358401234599");
        Assert.Equal(0, code);
        Assert.DoesNotContain("warning", err, StringComparison.Ordinal);
        await configured.OkAsync("destinations", "add", "desk", "--endpoint", "pjsip/2001");
        Assert.Contains("PJSIP/2001", (await configured.RunAsync("destinations", "list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_default_region_is_named_as_the_setting()
    {
        using var cli = new CliRun(new() { ["Routing:DefaultRegion"] = "XX" });
        var (code, _, err) = await cli.RunAsync("numbers", "add", "0401234567");
        Assert.Equal(2, code);
        Assert.Contains("Routing:DefaultRegion 'XX' is not a known region code", err, StringComparison.Ordinal);
    }
}
