namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// asterisk-config/ loaded by a real Asterisk, when one is on the machine; skipped (never failed)
/// without one. Carrier calls through the controller are in <see cref="CarrierCallTests"/>.
/// </summary>
public class RealAsteriskTests(AsteriskFixture asterisk) : IClassFixture<AsteriskFixture>
{
    private void SkipWithoutAsterisk()
    {
        if (asterisk.SkipReason is { } reason) Assert.Skip(reason);
    }

    [Fact]
    public async Task Asterisk_loads_the_dialplan_contexts()
    {
        SkipWithoutAsterisk();
        var carrier = await asterisk.CliAsync("dialplan show from-carrier");
        Assert.True(carrier.Contains("Stasis(leaddesk,inbound,${EXTEN})", StringComparison.Ordinal),
            $"dialplan show from-carrier:{Environment.NewLine}{carrier}{Environment.NewLine}--- Asterisk output ---{Environment.NewLine}{asterisk.Output}");
        var queues = await asterisk.CliAsync("dialplan show leaddesk-queues");
        Assert.Contains("Queue(support)", queues, StringComparison.Ordinal);
        var agents = await asterisk.CliAsync("dialplan show *97@from-agents");
        Assert.Contains("Stasis(leaddesk,greeting)", agents, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asterisk_loads_ari_pjsip_and_the_queue_on_loopback()
    {
        SkipWithoutAsterisk();
        var http = await asterisk.CliAsync("http show status");
        Assert.True(http.Contains($"127.0.0.1:{asterisk.HttpPort}", StringComparison.Ordinal) && http.Contains("/ari/", StringComparison.Ordinal),
            $"http show status:{Environment.NewLine}{http}");
        var endpoints = await asterisk.CliAsync("pjsip show endpoints");
        foreach (var name in new[] { "carrier", "1001", "1002" })
            Assert.True(endpoints.Contains(name, StringComparison.Ordinal), $"pjsip show endpoints lacks {name}:{Environment.NewLine}{endpoints}");
        var queue = await asterisk.CliAsync("queue show support");
        Assert.Contains("support has 0 calls", queue, StringComparison.Ordinal);
        // Its members come from the store through the controller (realtime), none from queues.conf.
        Assert.DoesNotContain("PJSIP/", queue, StringComparison.Ordinal);
        var engines = await asterisk.CliAsync("module show like res_config_curl");
        Assert.Contains("res_config_curl.so", engines, StringComparison.Ordinal);
        Assert.Contains("Running", engines, StringComparison.Ordinal);

        var modules = await asterisk.CliAsync("module show like shell");
        Assert.DoesNotContain("func_shell", modules, StringComparison.Ordinal);
    }
}
