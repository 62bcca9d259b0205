using LeadDesk.Store;
using LeadDesk.Store.CallLog;

namespace LeadDesk.Store.Tests.CallLog;

/// <summary>
/// The Call log's number filter is read per column and merged (a whole number), and a common prefix by walking the
/// newest calls: every way gives the rows "dialled or caller matches", newest first, each once, as plain filtering would.
/// </summary>
public abstract class CallLogPagingTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : CallLogPagingTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : CallLogPagingTests(StoreProvider.Postgres);

    private const string MainLine = "+358401000000";

    [Fact]
    public async Task Number_filters_page_exactly_the_matching_rows_newest_first_whichever_way_they_are_read()
    {
        using var t = NewStore();
        var log = new CallLogStore(t.Store);
        var t0 = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, CallLogStore.CommonPrefixRows + 1_000).Select(i => (
            // Pairs share a start time: the id decides between them.
            At: t0.AddSeconds(i / 2),
            Dialled: i % 3 == 0 ? MainLine : "+35840" + (2_000_000 + i % 500),
            // Every tenth call came from the main line itself: it matches on both columns and is listed once.
            Caller: i % 10 == 0 ? MainLine : "+35850" + (3_000_000 + i % 700),
            Agent: $"agent{i % 7}")).ToList();
        var ids = await log.WriteBatchAsync(rows.Select((r, i) => (CallLogWrite)new CallLogWrite.Start($"c{i}", r.At, r.Dialled, r.Caller, null)).ToList(), Seed.Ct);
        await log.WriteBatchAsync(ids.Select((id, i) => (CallLogWrite)new CallLogWrite.Complete(id, CallOutcome.Answered, new CallCompletion(rows[i].At.AddMinutes(1), "agent", rows[i].Agent))).ToList(), Seed.Ct);
        var all = rows.Select((r, i) => (Id: ids[i], r.At, r.Dialled, r.Caller, r.Agent)).OrderByDescending(r => r.At).ThenByDescending(r => r.Id).ToList();

        async Task AssertPageAsync(CallLogQuery query, Func<(long Id, DateTimeOffset At, string Dialled, string Caller, string Agent), bool> matches, int offset, int limit)
        {
            var expected = all.Where(matches).Skip(offset).Take(limit + 1).Select(r => r.Id).ToList();
            var page = await log.PageAsync(query, offset, limit, Seed.Ct);
            Assert.Equal(expected.Take(limit), page.Items.Select(e => e.Id));
            Assert.Equal(expected.Count > limit, page.HasMore);
        }

        bool Starts(string number, string prefix) => number.StartsWith(prefix, StringComparison.Ordinal);

        // A whole number on either column: the merged branches, first and a later page.
        await AssertPageAsync(new CallLogQuery(Number: MainLine), r => r.Dialled == MainLine || r.Caller == MainLine, 0, 50);
        await AssertPageAsync(new CallLogQuery(Number: MainLine), r => r.Dialled == MainLine || r.Caller == MainLine, 120, 50);
        await AssertPageAsync(new CallLogQuery(Number: MainLine, Agent: "agent3"), r => (r.Dialled == MainLine || r.Caller == MainLine) && r.Agent == "agent3", 10, 20);
        // A prefix every row matches (common: walked in start order) and one few rows match (sorted per branch).
        await AssertPageAsync(new CallLogQuery(Number: "+35840", NumberPrefix: true), r => Starts(r.Dialled, "+35840") || Starts(r.Caller, "+35840"), 0, 50);
        await AssertPageAsync(new CallLogQuery(Number: "+35840", NumberPrefix: true), r => Starts(r.Dialled, "+35840") || Starts(r.Caller, "+35840"), 3_000, 100);
        await AssertPageAsync(new CallLogQuery(Number: "+3584020001", NumberPrefix: true), r => Starts(r.Dialled, "+3584020001") || Starts(r.Caller, "+3584020001"), 0, 50);
        await AssertPageAsync(new CallLogQuery(Number: "+358401000", NumberPrefix: true, Agent: "agent1"), r => (Starts(r.Dialled, "+358401000") || Starts(r.Caller, "+358401000")) && r.Agent == "agent1", 0, 30);

        // The export reads the same way, to the end.
        var exported = new List<long>();
        await foreach (var call in log.StreamAsync(new CallLogQuery(Number: MainLine), 1_000_000, Seed.Ct))
        {
            exported.Add(call.Id);
        }

        Assert.Equal(all.Where(r => r.Dialled == MainLine || r.Caller == MainLine).Select(r => r.Id), exported);
    }
}
