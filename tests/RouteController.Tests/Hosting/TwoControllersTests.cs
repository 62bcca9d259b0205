using Microsoft.Extensions.DependencyInjection;
using LeadDesk.Ari.Simulator;
using LeadDesk.Postgres.Cluster;
using LeadDesk.Store.Agents;
using CallOutcome = LeadDesk.Store.CallLog.CallOutcome;
using RouteController.Tests.Support;

namespace RouteController.Tests.Hosting;

/// <summary>
/// Two Asterisks (two ARI simulators), a controller beside each, one PostgreSQL store: an agent is one person
/// whichever Asterisk a call to them arrives at, and a voicemail is one mail whichever controller sends it.
/// </summary>
public sealed class TwoControllersTests : IAsyncLifetime
{
    private const string SecondNumber = "+358401234568";
    private PostgresCluster? _cluster;
    private string? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cluster = await PostgresCluster.GetOrSkipAsync();

        _database = await _cluster.CreateDatabaseAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _cluster!.DropDatabaseAsync(_database);
        }
    }

    private static Dictionary<string, string?> Settings(int leaseSeconds = 30)
    {
        var settings = RunningController.FastRouting();
        settings["Agents:ClaimLeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>Alice owns both numbers; her phone is reachable from both Asterisks (through the site's SIP proxy).</summary>
    private static async Task RouteBothNumbersToAliceAsync(RunningController admin)
    {
        await admin.AssignToAliceAsync();
        await admin.AdminAsync("numbers", "add", SecondNumber);
        await admin.AdminAsync("routes", "assign", SecondNumber, "--agent", "alice");
    }

    private static int RingsOfAlice(RunningController c) =>
        c.Sim.Requests.Count(r => r.Method == "POST" && r.Path == "/ari/channels" && r.Query["endpoint"] == "PJSIP/1001");

    [Fact]
    public async Task The_same_agents_two_numbers_called_at_once_on_two_asterisks_ring_her_once_and_the_other_caller_hears_busy()
    {
        await using var east = await RunningController.StartAsync(settings: Settings(), postgres: _database, systemName: "east");
        await using var west = await RunningController.StartAsync(settings: Settings(), postgres: _database, systemName: "west");
        await RouteBothNumbersToAliceAsync(east);
        east.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(300)));
        west.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(300)));

        var calls = await Task.WhenAll(east.CallAsync(), west.CallAsync(SecondNumber));

        var rowEast = east.CallLogRowAsync(calls[0].ChannelId!, TimeSpan.FromSeconds(15));
        var rowWest = west.CallLogRowAsync(calls[1].ChannelId!, TimeSpan.FromSeconds(15));
        await east.Sim.WaitForAsync(() => east.Sim.LiveBridges.Any(b => b.Channels.Count == 2) || west.Sim.LiveBridges.Any(b => b.Channels.Count == 2), TimeSpan.FromSeconds(10));
        var talking = east.Sim.LiveBridges.Any(b => b.Channels.Count == 2) ? 0 : 1;
        await calls[talking].HangUpAsync();

        var rows = await Task.WhenAll(rowEast, rowWest);
        Assert.Equal(1, RingsOfAlice(east) + RingsOfAlice(west));
        Assert.Equal(CallOutcome.Answered, rows[talking].Outcome);
        Assert.Equal(CallOutcome.Busy, rows[1 - talking].Outcome);
        Assert.NotEqual(rows[0].Id, rows[1].Id);
        Assert.False(await new SharedAgentClaims(east.OpenStore()).IsHeldAsync("alice", Ct));
        await east.AssertNothingLeftAsync();
        await west.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_controller_killed_mid_call_frees_its_agent_for_the_other_within_the_lease()
    {
        const int lease = 5;
        await using var west = await RunningController.StartAsync(settings: Settings(lease), postgres: _database, systemName: "west");
        await RouteBothNumbersToAliceAsync(west);
        west.Sim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));

        // East's controller is a real process, so that it can die as processes die: no finally, no clean stop.
        await using var eastSim = await AsteriskSimulator.StartAsync(new SimulatorOptions
        {
            Username = "leaddesk", Password = "test-only-password", SoundDuration = TimeSpan.FromMilliseconds(150), SystemName = "east",
        }, Ct);
        eastSim.AddEndpoint("PJSIP/1001", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(100)));
        var environment = new Dictionary<string, string?>
        {
            ["Ari__BaseUrl"] = eastSim.BaseUrl,
            ["Ari__Username"] = "leaddesk",
            ["Database__Provider"] = "postgres",
            ["Database__ConnectionString"] = _database,
            ["Agents__ClaimLeaseSeconds"] = lease.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Routing__OutboundTrunk"] = "carrier",
            ["Routing__RingTimeoutSeconds"] = "2",
        };
        var east = ControllerProcess.Start(environment);
        await using (east)
        {
            await eastSim.WaitForAsync(() => eastSim.IsAppConnected("leaddesk"), TimeSpan.FromSeconds(30));
            var first = await eastSim.PlaceInboundCallAsync(new InboundCall
            {
                App = "leaddesk", Args = ["inbound", RunningController.Number], Exten = RunningController.Number, CallerNumber = "358451112233",
            });
            await eastSim.WaitForAsync(() => eastSim.LiveBridges.Any(b => b.Channels.Count == 2), TimeSpan.FromSeconds(10));
        }

        // Killed: Alice's call on east goes on in that Asterisk, and her claim stays until its lease runs out.
        var claims = new SharedAgentClaims(west.OpenStore());
        Assert.True(await claims.IsHeldAsync("alice", Ct));
        var meanwhile = await west.CallAsync(SecondNumber);
        Assert.Equal(CallOutcome.Busy, (await west.CallLogRowAsync(meanwhile.ChannelId!)).Outcome);

        var killedAt = DateTime.UtcNow;
        await Poll.UntilAsync(async () => !await claims.IsHeldAsync("alice", Ct), TimeSpan.FromSeconds(lease * 3), "alice's claim freed", Ct);
        Assert.True(DateTime.UtcNow - killedAt <= TimeSpan.FromSeconds(lease + 1), $"freed {DateTime.UtcNow - killedAt} after the kill");

        var after = await west.CallAsync(SecondNumber);
        await west.Sim.WaitForAsync(() => west.Sim.LiveBridges.Any(b => b.Channels.Count == 2), TimeSpan.FromSeconds(10));
        await after.HangUpAsync();
        Assert.Equal(CallOutcome.Answered, (await west.CallLogRowAsync(after.ChannelId!)).Outcome);
        await west.AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Voicemail_queued_on_one_side_is_mailed_once_though_both_controllers_work_the_outbox()
    {
        using var smtp = await Voicemail.SmtpTestServer.StartNewAsync();
        var settings = Voicemail.VoicemailCallTests.WithSmtp(smtp);
        await using var east = await RunningController.StartAsync(settings: settings, postgres: _database, systemName: "east");
        await using var west = await RunningController.StartAsync(settings: settings, postgres: _database, systemName: "west");
        await east.AssignToAliceAsync();

        // What east's voicemail calls put in the shared outbox; both senders poll it every 100 ms.
        const int Messages = 20;
        var outbox = new LeadDesk.Store.Voicemail.VoicemailOutbox(east.OpenStore());
        for (var i = 0; i < Messages; i++)
        {
            await outbox.EnqueueAsync(new LeadDesk.Store.Voicemail.VoicemailMessage(
                "alice", "Alice Agent", "alice@example.com", "+35845111" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), null,
                RunningController.Number, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3), [1, 2, 3], "east-1.1"), Ct);
        }

        var mails = await smtp.WaitForAsync(Messages, TimeSpan.FromSeconds(30));
        var rows = await Poll.UntilAsync(
            () => outbox.ListAsync(100, Ct),
            rows => rows.All(r => r.State == LeadDesk.Store.Voicemail.VoicemailState.Sent),
            TimeSpan.FromSeconds(15),
            "every row sent",
            Ct);

        // Each row was taken by one sender: one mail per message, and one attempt each (a second sender marking it
        // sent would have counted a second).
        Assert.Equal(Messages, rows.Count);
        Assert.All(rows, r => Assert.Equal((LeadDesk.Store.Voicemail.VoicemailState.Sent, 1L), (r.State, r.Attempts)));
        Assert.Equal(Messages, mails.Count);
        Assert.Equal(Messages, mails.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_restart_on_one_asterisk_leaves_the_voicemail_another_asterisk_is_recording_to_its_own_controller()
    {
        await using var east = await RunningController.StartAsync(settings: Settings(), postgres: _database, systemName: "east");
        await using var west = await RunningController.StartAsync(settings: Settings(), postgres: _database, systemName: "west");
        await east.AssignToAliceAsync();

        // East is recording a message: its journal row, written through east's own journal as its voicemail call
        // does, names east's Asterisk by its systemname (both controllers reach "their" Asterisk at one loopback
        // address on a real site, so the address cannot tell them apart).
        var recording = new LeadDesk.Store.Voicemail.MessageInProgress(
            "vm-alice-east-1", "east-1796220231.7", "alice", "Alice Agent", "alice@example.com", "+358451112233", null,
            RunningController.Number, DateTimeOffset.UtcNow);
        await east.Host.Services.GetRequiredService<LeadDesk.Store.Voicemail.VoicemailJournal>().BeginAsync(recording, Ct);
        await using (var connection = await east.OpenStore().OpenConnectionAsync(Ct))
        {
            Assert.Equal("east", await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT asterisk FROM voicemail_recordings"));
        }

        // West restarts (and reconnects): its reconciliation must not take east's message for its own.
        await west.StopHostAsync();
        await west.StartHostAsync(Settings());

        Assert.DoesNotContain(west.Sim.Requests, r => r.Path.Contains("vm-alice-east-1", StringComparison.Ordinal));
        var journal = new LeadDesk.Store.Voicemail.VoicemailJournal(east.OpenStore(), "east");
        Assert.Equal(["vm-alice-east-1"], (await journal.ListAsync(Ct)).Select(m => m.RecordingName));
    }
}
