using LeadDesk.Store.Agents;
using LeadDesk.Store.Routes;
using Microsoft.Extensions.Time.Testing;

namespace LeadDesk.Store.Tests.Routes;

/// <summary>
/// A routing model with every kind of number in it, made alike in two stores so that two ways of making one change
/// can be held to the same outcome: 0-4 alice (3 is her caller ID), 5-9 bob (20 is his), 10-11 a custom
/// destination, 12-13 queue sales, 14-29 free, 30 not ours.
/// </summary>
internal static class RouteChangeScenario
{
    public static string Number(int i) => "+35840" + (1000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A fixed clock, so both stores write the same audit times.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero));

    public static async Task<TempStore> SeedAsync(TempStore t)
    {
        await t.AddNumbersAsync(true, Enumerable.Range(0, 30).Select(Number).ToArray());
        await t.AddNumbersAsync(false, Number(30));
        await t.AddAgentAsync("alice", "1001");
        await t.AddAgentAsync("bob", "1002");
        await t.AddQueueAsync("sales");
        await t.AddDialplanAsync("ivr");
        await t.RouteAsync(RouteTarget.Agent("alice"), Enumerable.Range(0, 5).Select(Number).ToArray());
        await t.RouteAsync(RouteTarget.Agent("bob"), Enumerable.Range(5, 5).Select(Number).ToArray());
        await t.RouteAsync(RouteTarget.Custom("ivr"), Number(10), Number(11));
        await t.RouteAsync(RouteTarget.Queue("sales"), Number(12), Number(13));
        await t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: Number(3)), Seed.Ct);
        await t.Agents().SetAsync("bob", new AgentChanges(OutboundCallerId: Number(20)), Seed.Ct);
        return t;
    }

    /// <summary>What the admin is told: the counts and warnings, or the refusal.</summary>
    public static async Task<string> OutcomeAsync(Func<Task<RouteChangeResult>> change)
    {
        try
        {
            var result = await change();
            return $"changed {result.Changed}, unchanged {result.Unchanged}, warnings: {string.Join(" | ", result.Warnings)}";
        }
        catch (RoutingRefusedException e)
        {
            return "refused: " + e.Message;
        }
    }

    /// <summary>The two stores hold the same routes, agents and audit rows.</summary>
    public static async Task AssertAlikeAsync(TempStore expected, TempStore actual)
    {
        Assert.Equal(await expected.SnapshotAsync(), await actual.SnapshotAsync());
        Assert.Equal(await AuditAsync(expected), await AuditAsync(actual));
    }

    // The audit in id order without the ids: a refused per-number batch had already drawn ids, and a PostgreSQL
    // sequence does not roll back, so only there the ids of later rows differ by the gap.
    private static async Task<IReadOnlyList<RouteAuditEntry>> AuditAsync(TempStore t) =>
        (await t.Routes().AuditAsync(null, 10_000, Seed.Ct)).Select(a => a with { Id = 0 }).ToList();
}
