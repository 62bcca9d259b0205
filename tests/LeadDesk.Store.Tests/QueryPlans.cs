using Dapper;
using LeadDesk.Store;

namespace LeadDesk.Store.Tests;

/// <summary>What each engine's planner says about a query: that one index serves its filter and its order.</summary>
public static class QueryPlans
{
    public static async Task AssertServedByIndexAsync(RoutingStore store, string sql, object parameters, string index)
    {
        await using var connection = await store.OpenConnectionAsync(Seed.Ct);
        if (store.Provider == StoreProvider.Postgres)
        {
            // An empty table is cheapest to scan; with scans priced out the plan shows whether the index can serve
            // the filter and the order by itself.
            await connection.ExecuteAsync("SET enable_seqscan = off");
            var pgPlan = string.Join("\n", await connection.QueryAsync<string>("EXPLAIN " + sql, parameters));
            Assert.Contains(index, pgPlan, StringComparison.Ordinal);
            Assert.DoesNotContain("Sort", pgPlan, StringComparison.Ordinal);
            return;
        }

        var plan = string.Join("\n", (await connection.QueryAsync<(long, long, long, string)>(
            "EXPLAIN QUERY PLAN " + sql, parameters)).Select(r => r.Item4));
        Assert.Matches($"SEARCH call_log USING (COVERING )?INDEX {index}", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }
}
