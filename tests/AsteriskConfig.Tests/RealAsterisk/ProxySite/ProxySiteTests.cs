using System.Globalization;
using System.Security.Cryptography;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>
/// Issue 29's "done when" on a real site behind the SIP proxy (<see cref="ProxySiteFixture"/>: Kamailio, two Asterisks,
/// two controllers, one PostgreSQL, SIPp phones and carrier, all on loopback): queue calls ring members through the
/// proxy, a member on a call through one Asterisk is busy for the other's queue, membership changes with the CLI
/// reach every Asterisk with no file edited, and a controller down costs a caller less than a second. Every call
/// enters at Kamailio from the carrier's address (127.0.0.2), which dispatches round-robin over the two Asterisks.
/// Skipped, naming what is missing, without asterisk, sipp, kamailio or PostgreSQL.
/// </summary>
public sealed class ProxySiteTests(ProxySiteFixture site, ITestOutputHelper output) : IClassFixture<ProxySiteFixture>, IAsyncDisposable
{
    private static readonly TimeSpan Ring = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    private readonly List<CarrierAtProxy> _calls = [];

    [Fact(Timeout = 60_000)]
    public async Task A_queue_call_from_the_carrier_rings_a_member_through_the_proxy_at_either_Asterisk()
    {
        await StartAsync();
        await site.SetSupportMembersAsync("alice");
        await site.WaitDeviceStateAsync("1001", "NOT_INUSE", Settle);

        var rangFrom = new List<SiteNode>();
        for (var i = 0; i < 2; i++)
        {
            var call = Place(ProxySiteFixture.QueueNumber, phoneAnswers: false);
            var invite = await site.Alice.InviteFromAsync(call.Caller, Ring, () => Describe(call));
            Expect(site.ViaKamailio(invite.Message), call, $"the queue's INVITE to reach phone 1001 through Kamailio (top Via), not: {string.Join(" | ", invite.Message.Header("Via", "v"))}");
            Expect(
                invite.Message.StartLine.StartsWith($"INVITE sip:1001@127.0.0.1:{site.Alice.Port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal),
                call,
                $"Kamailio to send it to the phone's registered contact, not '{invite.Message.StartLine}'");
            var node = site.SentBy(invite.Message);
            Expect(node is not null, call, "the INVITE to come from one of the two Asterisks (its Via below Kamailio's)");
            rangFrom.Add(node);

            // [leaddesk-queues] answers the caller before Queue(): the call went controller -> queue, not anywhere else.
            await call.AnsweredAsync(Ring, () => Describe(call));
            Expect(site.Bob.InvitesFrom(call.Caller).Count == 0, call, "bob's phone (not a member) not to ring");
            await site.HangUpEverythingAsync();
        }

        Expect(rangFrom.Distinct().Count() == 2, null, $"Kamailio's round robin to give the two calls to both Asterisks, not {string.Join(", ", rangFrom.Select(n => n.Name))}");
    }

    [Fact(Timeout = 90_000)]
    public async Task A_member_on_a_call_through_one_Asterisk_is_not_rung_by_the_queue_of_the_other()
    {
        await StartAsync();
        await site.SetSupportMembersAsync("alice");
        await site.WaitDeviceStateAsync("1001", "NOT_INUSE", Settle);

        // Alice answers a call to her own number; it landed on X, whose controller holds her claim in PostgreSQL.
        var direct = Place(ProxySiteFixture.AliceNumber, phoneAnswers: true);
        var directInvite = await site.Alice.InviteFromAsync(direct.Caller, Ring, () => Describe(direct));
        await direct.AnsweredAsync(Ring, () => Describe(direct));
        var x = site.SentBy(directInvite.Message);
        Expect(x is not null, direct, "the direct call to ring alice from one of the Asterisks");
        var y = site.Nodes.Single(n => n != x);

        // The other Asterisk's controller publishes the site's claim: alice is in use there too.
        await site.WaitDeviceStateAsync("1001", "INUSE", Settle, y);

        // The next carrier call (round robin: the other Asterisk) is for the queue alice is a member of.
        var queued = Place(ProxySiteFixture.QueueNumber, phoneAnswers: false);
        var answer = await queued.AnsweredAsync(Ring, () => Describe(queued));
        var contact = answer.Message.Header("Contact", "m").FirstOrDefault() ?? "";
        Expect(contact.Contains($"127.0.0.1:{y.Asterisk.SipPort.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal), queued, $"the queue call to be answered by {y.Name}'s queue, not by Contact {contact}");
        var shown = "";
        await ProxySiteFixture.WaitAsync(
            async () =>
            {
                shown = await y.Asterisk.CliAsync("queue show support");
                return shown.Contains("support has 1 calls", StringComparison.Ordinal) && shown.Contains("(In use)", StringComparison.Ordinal);
            },
            Settle,
            () => $"{y.Name}'s queue support to hold the caller with alice's member In use: {shown}{Environment.NewLine}{Describe(queued)}");

        // app_queue tries its members as the caller joins; alice is not rung: her one INVITE is her own call's.
        var rungMeanwhile = await HappensWithinAsync(() => site.Alice.Invites().Count > 1, TimeSpan.FromSeconds(2));
        Expect(!rungMeanwhile, queued, $"alice's phone not to ring for the queue while she is on a call through {x.Name} ({y.Name}: {shown})");

        // Her call ends: the claim goes, the state follows, and the waiting caller's queue rings her (retry = 5 s).
        await x.Ari.HangupAllAsync();
        var queueInvite = await site.Alice.InviteFromAsync(queued.Caller, TimeSpan.FromSeconds(12), () => Describe(queued));
        Expect(site.SentBy(queueInvite.Message) == y, queued, $"the queue INVITE to come from {y.Name}");
        Expect(site.Alice.Invites().Count == 2, queued, "alice's phone to have had exactly her own call and, after it, the queue's");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_agent_added_to_a_queue_with_the_CLI_is_rung_by_the_next_queue_call_at_every_Asterisk_with_no_file_edited()
    {
        await StartAsync();
        await site.SetSupportMembersAsync("alice");
        var files = ConfigFiles();

        // The admin's change, nothing else: bob answers support now, alice no longer.
        await site.AdminAsync("queues", "add-member", "support", "bob");
        await site.AdminAsync("queues", "remove-member", "support", "alice");
        var members = await site.AdminAsync("queues", "members", "support", "--json");
        Assert.Contains("\"bob\"", members, StringComparison.Ordinal);
        Assert.DoesNotContain("\"alice\"", members, StringComparison.Ordinal);

        // Each controller sets bob's state on its Asterisk within Agents:DeviceStateInterval (0.5 s).
        await site.WaitDeviceStateAsync("1002", "NOT_INUSE", Settle);

        var rangFrom = new List<SiteNode>();
        for (var i = 0; i < 2; i++)
        {
            var call = Place(ProxySiteFixture.QueueNumber, phoneAnswers: false);
            var invite = await site.Bob.InviteFromAsync(call.Caller, Ring, () => Describe(call));
            Expect(site.ViaKamailio(invite.Message), call, "bob's queue INVITE to come through Kamailio");
            rangFrom.Add(site.SentBy(invite.Message) ?? throw new InvalidOperationException("no Asterisk in the INVITE's Via"));
            Expect(site.Alice.InvitesFrom(call.Caller).Count == 0, call, "alice (no longer a member) not to be rung");
            await site.HangUpEverythingAsync();
        }

        Expect(rangFrom.Distinct().Count() == 2, null, $"both Asterisks' queues to ring bob, not only {string.Join(", ", rangFrom.Select(n => n.Name))}");
        Assert.Equal(files, ConfigFiles());
    }

    [Fact(Timeout = 90_000)]
    public async Task A_controller_down_costs_a_caller_less_than_a_second_more_than_the_normal_path()
    {
        await StartAsync();

        // The normal path, once through each Asterisk: carrier INVITE -> Kamailio -> Asterisk -> controller -> bob's phone.
        var normal = new List<(SiteNode Node, TimeSpan ToPhone, TimeSpan? To180)>();
        for (var i = 0; i < 2; i++)
        {
            normal.Add(await RingBobAsync());
        }

        Expect(normal.Select(n => n.Node).Distinct().Count() == 2, null, "the two normal calls to go through both Asterisks");

        // ast-a's controller dies; ast-a itself still answers Kamailio's OPTIONS, so it stays in the dispatcher set.
        // ARI keeps listing the application (inactive, as it holds subscriptions): the sign that ast-a noticed is the
        // websocket's end in its log.
        var socketsClosed = site.A.Asterisk.MessagesLogLines("Web socket closed").Count;
        await site.A.StopControllerAsync();
        await ProxySiteFixture.WaitAsync(
            () => Task.FromResult(site.A.Asterisk.MessagesLogLines("Web socket closed").Count > socketsClosed),
            Settle,
            () => "ast-a to log the end of its controller's ARI websocket");
        try
        {
            // Round robin starts one of two consecutive calls at ast-a: it answers 503 at once (no fallback tone on a
            // proxy site) and Kamailio gives the call to ast-b.
            var failover = new List<(TimeSpan ToPhone, TimeSpan? To180, bool TriedA)>();
            for (var i = 0; i < 2; i++)
            {
                var refusedBefore = site.A.Asterisk.MessagesLogLines("Stasis app 'leaddesk'").Count;
                var (node, toPhone, to180) = await RingBobAsync();
                Expect(node == site.B, null, $"with ast-a's controller down, every call to ring bob from ast-b, not {node.Name}");
                var triedA = site.A.Asterisk.MessagesLogLines("Stasis app 'leaddesk'").Count > refusedBefore;
                failover.Add((toPhone, to180, triedA));
            }

            var baseline = TimeSpan.FromTicks((long)normal.Average(n => n.ToPhone.Ticks));
            foreach (var n in normal)
            {
                output.WriteLine($"normal  via {n.Node.Name}: INVITE -> phone INVITE {Ms(n.ToPhone)}, -> 180 at carrier {Ms(n.To180)}");
            }

            foreach (var f in failover)
            {
                output.WriteLine($"failover {(f.TriedA ? "ast-a (503) then ast-b" : "ast-b first")}: INVITE -> phone INVITE {Ms(f.ToPhone)}, -> 180 at carrier {Ms(f.To180)}; {Ms(f.ToPhone - baseline)} over the normal mean {Ms(baseline)}");
            }

            output.WriteLine(string.Join(Environment.NewLine, site.A.Asterisk.MessagesLogLines("Stasis app 'leaddesk'")));
            Expect(failover.Count(f => f.TriedA) == 1, null, "exactly one of the two calls to be tried at ast-a first (its log names one refused Stasis per such call)");
            var viaA = failover.Single(f => f.TriedA).ToPhone;
            Expect(viaA - baseline < TimeSpan.FromSeconds(1), null, $"the call that met ast-a's 503 to ring bob less than 1 s later than normal: {Ms(viaA)} vs {Ms(baseline)}");
        }
        finally
        {
            await site.A.StartControllerAsync(site.Database);
        }
    }

    /// <summary>A call to bob's own number with the phone ringing only: which Asterisk rang him, and how long it took.</summary>
    private async Task<(SiteNode Node, TimeSpan ToPhone, TimeSpan? To180)> RingBobAsync()
    {
        var call = Place(ProxySiteFixture.BobNumber, phoneAnswers: false);
        var invite = await site.Bob.InviteFromAsync(call.Caller, Ring, () => Describe(call));
        var node = site.SentBy(invite.Message) ?? throw new InvalidOperationException($"no Asterisk in the INVITE's Via{Environment.NewLine}{Describe(call)}");
        if (await HappensWithinAsync(() => call.Response(180) is not null, Ring) is false)
        {
            Assert.Fail($"expected the carrier to hear 180 Ringing{Environment.NewLine}{Describe(call)}");
        }

        var sent = call.InviteSentAt() ?? throw new InvalidOperationException($"no INVITE in the carrier's trace{Environment.NewLine}{Describe(call)}");
        var ringing = call.Response(180)?.At;
        await site.HangUpEverythingAsync();
        return (node, invite.At - sent, ringing - sent);
    }

    private static string Ms(TimeSpan? t) => t is { } v ? v.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-";

    /// <summary>Polls <paramref name="happened"/> for the whole window; whether it ever held.</summary>
    private static async Task<bool> HappensWithinAsync(Func<bool> happened, TimeSpan window)
    {
        try
        {
            await Poll.UntilAsync(happened, window, "an event that must not happen");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Each Asterisk's configuration files and their contents' hashes.</summary>
    private Dictionary<string, string> ConfigFiles() =>
        site.Nodes.SelectMany(n => Directory.GetFiles(Path.Combine(n.Asterisk.Root, "etc")).Select(f => (n.Name, File: f)))
            .ToDictionary(
                x => $"{x.Name}:{Path.GetFileName(x.File)}",
                x => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(x.File))) + "@" + File.GetLastWriteTimeUtc(x.File).Ticks.ToString(CultureInfo.InvariantCulture));

    private async Task StartAsync()
    {
        if (site.SkipReason is { } reason) Assert.Skip(reason);
        await site.HangUpEverythingAsync();
    }

    private CarrierAtProxy Place(string dialled, bool phoneAnswers)
    {
        var call = site.Call(dialled, phoneAnswers);
        _calls.Add(call);
        return call;
    }

    private string Describe(CarrierAtProxy call) =>
        $"{call.Describe()}{Environment.NewLine}--- phone 1001 ---{Environment.NewLine}{site.Alice.Describe()}{Environment.NewLine}--- phone 1002 ---{Environment.NewLine}{site.Bob.Describe()}{Environment.NewLine}{site.Diagnostics()}";

    private void Expect([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool ok, CarrierAtProxy? call, string what)
    {
        if (!ok)
        {
            Assert.Fail($"expected {what}.{Environment.NewLine}{(call is null ? site.Diagnostics() : Describe(call))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (site.SkipReason is null && site.Kamailio is not null)
        {
            try
            {
                await site.HangUpEverythingAsync();
            }
            catch (Exception e) when (e is TimeoutException or HttpRequestException)
            {
            }
        }

        foreach (var call in _calls)
        {
            await call.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
