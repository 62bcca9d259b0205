using System.Text.Json;
using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;

namespace RouteController.Tests.Hosting;

/// <summary>
/// <c>Logging__Console__FormatterName=json</c> on the controller process as an operator would start it: every
/// line on stdout is one JSON object, and a call's lines carry its scope as fields.
/// </summary>
public sealed class JsonConsoleLogTests
{
    [Fact]
    public async Task With_the_json_formatter_each_line_is_one_object_and_a_call_carries_its_scope_as_fields()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions { Username = "leaddesk", Password = "test-only-password" }, ct);
        await using var controller = ControllerProcess.Start(new()
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Ari__BaseUrl"] = sim.BaseUrl,
        });
        await sim.WaitForAsync(() => sim.IsAppConnected("leaddesk"), TimeSpan.FromSeconds(30));

        var call = await sim.PlaceInboundCallAsync(new InboundCall
        {
            App = "leaddesk", Args = ["inbound", "+358409999999"], Exten = "+358409999999", CallerNumber = "358451112233", CallerName = "Carrier",
        });
        await call.Ended.WaitAsync(TimeSpan.FromSeconds(30), ct);
        // The console logger writes from its own queue: on a loaded CI box the line can trail the call by seconds.
        try
        {
            await Poll.UntilAsync(() => controller.Stdout.Contains("Route unknown", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the decision line", ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no decision line; stderr: {controller.Stderr}; stdout tail: {controller.Stdout[Math.Max(0, controller.Stdout.Length - 1500)..]}; requests: {string.Join(" ", sim.Requests.Select(r => r.Method + r.Path + r.Status))}");
        }
        var lines = controller.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.All(entries, e => Assert.Equal(JsonValueKind.Object, e.ValueKind));
        Assert.All(entries, e => Assert.True(DateTimeOffset.TryParse(e.GetProperty("Timestamp").GetString(), out _)));

        var decision = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Route unknown", StringComparison.Ordinal));
        Assert.Equal("Information", decision.GetProperty("LogLevel").GetString());
        var scope = Assert.Single(decision.GetProperty("Scopes").EnumerateArray(), s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("CallId", out _));
        Assert.Equal(call.ChannelId, scope.GetProperty("CallId").GetString());
        Assert.Equal("+358409999999", scope.GetProperty("Dialled").GetString());
    }
}
