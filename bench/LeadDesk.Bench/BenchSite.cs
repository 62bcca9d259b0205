using System.Globalization;
using LeadDesk.Ari.Simulator;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;

namespace LeadDesk.Bench;

/// <summary>The kinds of call in the mix of issue #10, and agents calling leads (issue 15).</summary>
internal enum CallKind { AgentAnswers, AgentBusy, Queue, NotAssigned, Unknown, Bridged, Outbound }

/// <summary>
/// A call centre in a real SQLite file and in the simulator: agents whose phones answer and hang up, agents
/// whose phones are busy, agents whose phones answer and stay (for the concurrency run), a queue, and numbers
/// that are owned but not assigned.
/// </summary>
internal sealed class BenchSite
{
    public const int ShortAgents = 1000;
    public const int BusyAgents = 100;
    public const int QueueNumbers = 10;
    public const int UnassignedNumbers = 10;

    /// <summary>Agents who call leads; taken in turn, so at 1000/s (5 % outbound) each is free again 4 s later.</summary>
    public const int OutboundAgents = 200;

    private int _next;

    public BenchSite(int bridgedAgents) => BridgedAgents = bridgedAgents;

    public int BridgedAgents { get; }

    private static string Number(int i) => "+35840" + (2_000_000 + i).ToString(CultureInfo.InvariantCulture);

    private static string ShortNumber(int i) => Number(i);

    private static string BusyNumber(int i) => Number(10_000 + i);

    private static string BridgedNumber(int i) => Number(20_000 + i);

    private static string QueueNumber(int i) => Number(40_000 + i);

    private static string UnassignedNumber(int i) => Number(50_000 + i);

    private static string UnknownNumber(int i) => "+35840" + (8_000_000 + i).ToString(CultureInfo.InvariantCulture);

    /// <summary>The company caller ID the outbound agents present (owned, in the inventory).</summary>
    private static string OutboundCallerId => Number(60_000);

    private static int OutboundExtension(int i) => 60_000 + i;

    private static string LeadNumber(int i) => "+35845" + (3_000_000 + i).ToString(CultureInfo.InvariantCulture);

    public async Task SeedAsync(string databasePath)
    {
        var store = RoutingStore.Open(databasePath);
        var normalizer = new PhoneNumberNormalizer("FI");
        var agents = new AgentRoster(store, normalizer);
        var numbers = new NumberInventory(store, normalizer);
        var routes = new RouteTable(store, normalizer);
        await new QueueRegistry(store).AddAsync("support");

        var all = Enumerable.Range(0, ShortAgents).Select(ShortNumber)
            .Concat(Enumerable.Range(0, BusyAgents).Select(BusyNumber))
            .Concat(Enumerable.Range(0, BridgedAgents).Select(BridgedNumber))
            .Concat(Enumerable.Range(0, QueueNumbers).Select(QueueNumber))
            .Concat(Enumerable.Range(0, UnassignedNumbers).Select(UnassignedNumber))
            .Append(OutboundCallerId)
            .Select(n => new NumberImportRow(new NumberEntry(n), null, Owned: true))
            .ToList();
        await numbers.AddAsync(all);
        await routes.ApplyAsync(NumberEntry.From(Enumerable.Range(0, QueueNumbers).Select(QueueNumber)), RouteTarget.Queue("support"), "bench");

        async Task AddAgentAsync(string id, int extension, string number)
        {
            await agents.AddAsync(id, id, extension.ToString(CultureInfo.InvariantCulture), [$"{id}@example.com"]);
            await routes.ApplyAsync([new NumberEntry(number)], RouteTarget.Agent(id), "bench");
            await agents.SetLoggedInAsync(id, true);
        }

        for (var i = 0; i < ShortAgents; i++)
        {
            await AddAgentAsync($"short{i}", 20_000 + i, ShortNumber(i));
        }

        for (var i = 0; i < BusyAgents; i++)
        {
            await AddAgentAsync($"busy{i}", 30_000 + i, BusyNumber(i));
        }

        for (var i = 0; i < BridgedAgents; i++)
        {
            await AddAgentAsync($"stay{i}", 40_000 + i, BridgedNumber(i));
        }

        for (var i = 0; i < OutboundAgents; i++)
        {
            await agents.AddAsync($"out{i}", $"out{i}", OutboundExtension(i).ToString(CultureInfo.InvariantCulture), [$"out{i}@example.com"], OutboundCallerId);
        }
    }

    public void Script(AsteriskSimulator sim)
    {
        for (var i = 0; i < ShortAgents; i++)
        {
            sim.AddEndpoint($"PJSIP/{20_000 + i}", PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(20), hangUpAfterAnswer: TimeSpan.FromMilliseconds(500)));
        }

        for (var i = 0; i < BusyAgents; i++)
        {
            sim.AddEndpoint($"PJSIP/{30_000 + i}", PhoneScript.Busy486(TimeSpan.FromMilliseconds(20)));
        }

        for (var i = 0; i < BridgedAgents; i++)
        {
            sim.AddEndpoint($"PJSIP/{40_000 + i}", PhoneScript.AnswerAfter(TimeSpan.Zero));
        }

        var members = Enumerable.Range(0, 10).Select(i => $"PJSIP/{50_000 + i}").ToArray();
        foreach (var member in members)
        {
            sim.AddEndpoint(member, PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(20), hangUpAfterAnswer: TimeSpan.FromMilliseconds(100)));
        }

        sim.AddQueue("leaddesk-queues", "support", "support", members);

        for (var i = 0; i < OutboundAgents; i++)
        {
            sim.AddLead(LeadNumber(i), PhoneScript.AnswerAfter(TimeSpan.FromMilliseconds(20), hangUpAfterAnswer: TimeSpan.FromMilliseconds(500)));
        }
    }

    /// <summary>
    /// The mix, with agents calling out in it: 65 % agent answers, 5 % an agent calls a lead, 10 % busy,
    /// 10 % queue, 5 % not assigned, 5 % unknown.
    /// </summary>
    public CallSpec NextMixed()
    {
        var i = Interlocked.Increment(ref _next);
        return (i % 20) switch
        {
            < 13 => Spec(CallKind.AgentAnswers, i),
            13 => Spec(CallKind.Outbound, i / 20),
            14 or 15 => Spec(CallKind.AgentBusy, i),
            16 or 17 => Spec(CallKind.Queue, i),
            18 => Spec(CallKind.NotAssigned, i),
            _ => Spec(CallKind.Unknown, i),
        };
    }

    /// <summary>The next call of one kind only (for counting what each kind asks of Asterisk).</summary>
    public CallSpec Next(CallKind kind) => Spec(kind, Interlocked.Increment(ref _next));

    private static CallSpec Spec(CallKind kind, int i) => kind switch
    {
        CallKind.AgentAnswers => new(kind, ShortNumber(i % ShortAgents)),
        CallKind.AgentBusy => new(kind, BusyNumber(i % BusyAgents)),
        CallKind.Queue => new(kind, QueueNumber(i % QueueNumbers)),
        CallKind.NotAssigned => new(kind, UnassignedNumber(i % UnassignedNumbers)),
        CallKind.Unknown => new(kind, UnknownNumber(i % 1000)),
        CallKind.Outbound => new(kind, LeadNumber(i % OutboundAgents), OutboundExtension(i % OutboundAgents).ToString(CultureInfo.InvariantCulture)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a call of the mix"),
    };

    public static string BridgedCall(int i) => BridgedNumber(i);
}
