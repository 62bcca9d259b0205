using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Routes;

/// <summary>
/// The set-based change of a long list (a <c>routes assign --file</c>) against the per-number path that short lists
/// keep: two stores seeded alike, one taking each list set-based and one number by number, must agree on every
/// count, warning, refusal (naming the same entry and line), route and audit row.
/// </summary>
public abstract class ListRouteChangeTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : ListRouteChangeTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : ListRouteChangeTests(StoreProvider.Postgres);

    private static string Number(int i) => RouteChangeScenario.Number(i);

    private static (NumberEntry, RouteTarget) Line(int line, string number, RouteTarget target) => (new NumberEntry(number, line), target);

    [Fact]
    public async Task A_list_changed_set_based_does_exactly_what_it_does_number_by_number()
    {
        using var setBased = await RouteChangeScenario.SeedAsync(NewStore(RouteChangeScenario.Clock()));
        using var perNumber = await RouteChangeScenario.SeedAsync(NewStore(RouteChangeScenario.Clock()));

        async Task<string> BothAsync(params (NumberEntry, RouteTarget)[] changes)
        {
            var viaSet = await RouteChangeScenario.OutcomeAsync(() => setBased.Routes().ApplyEachAsync(changes, "al via routes assign", setBasedFrom: 1, Seed.Ct));
            var viaEach = await RouteChangeScenario.OutcomeAsync(() => perNumber.Routes().ApplyEachAsync(changes, "al via routes assign", setBasedFrom: int.MaxValue, Seed.Ct));

            Assert.Equal(viaEach, viaSet);
            await RouteChangeScenario.AssertAlikeAsync(perNumber, setBased);
            return viaSet;
        }

        var alice = RouteTarget.Agent("alice");
        var bob = RouteTarget.Agent("bob");

        // A number,agent file: each line its own target, a number given twice (in two forms), one already there.
        Assert.Equal(
            $"changed 3, unchanged 1, warnings: {Number(3)} is agent 'alice''s outbound caller ID and no longer routes to them: their callbacks will not reach them.",
            await BothAsync(
                Line(2, Number(3), bob), Line(3, "0401000015", alice), Line(4, Number(5), bob), Line(5, "040 100 0003", bob), Line(6, Number(11), alice)));

        // The first bad line is named, whichever check it fails, even with worse ones after it.
        Assert.Equal(
            "refused: line 3 ('0401000099') (+358401000099) is not in the number inventory: add it with 'numbers add' first.",
            await BothAsync(Line(2, Number(16), alice), Line(3, "0401000099", alice), Line(4, Number(12), alice), Line(5, Number(30), alice)));
        Assert.Equal(
            $"refused: line 4 ('{Number(12)}') ({Number(12)}) is an inbound number of queue 'sales': unassign it first.",
            await BothAsync(Line(2, Number(16), alice), Line(3, Number(13), RouteTarget.Unassigned), Line(4, Number(12), RouteTarget.Custom("ivr")), Line(5, Number(30), alice)));
        Assert.Equal(
            $"refused: line 5 ('{Number(30)}') ({Number(30)}) is not owned by us at the carrier, so it cannot be routed.",
            await BothAsync(Line(2, Number(16), alice), Line(5, Number(30), RouteTarget.Queue("sales"))));
        Assert.Equal(
            "refused: Line 3: there is no agent 'carol'.",
            await BothAsync(Line(2, Number(16), alice), Line(3, Number(17), RouteTarget.Agent("carol"))));

        // Unassigning takes queue numbers and numbers we do not own as they are.
        Assert.Equal(
            "changed 4, unchanged 3, warnings: ",
            await BothAsync(new[] { 13, 30, 12, 11, 3, 20, 14 }.Select(i => (new NumberEntry(Number(i)), RouteTarget.Unassigned)).ToArray()));
        Assert.Equal(
            "changed 21, unchanged 10, warnings: ",
            await BothAsync(Enumerable.Range(0, 31).Select(i => (new NumberEntry(Number(i)), i % 2 == 0 ? RouteTarget.Unassigned : RouteTarget.Queue("sales"))).ToArray()));
    }

    [Fact]
    public async Task A_file_of_thousands_goes_set_based_and_is_audited_in_file_order()
    {
        using var t = NewStore();
        var count = RouteTable.SetBasedFrom * 5;
        await t.Numbers().AddAsync(Enumerable.Range(0, count).Select(i => new NumberImportRow(new NumberEntry(Number(i)), null, true)).ToList(), Seed.Ct);
        await t.AddAgentAsync("alice", "1001");
        await t.AddAgentAsync("bob", "1002");
        var lines = Enumerable.Range(0, count).Reverse()
            .Select((n, i) => (new NumberEntry(Number(n), i + 2), n % 2 == 0 ? RouteTarget.Agent("alice") : RouteTarget.Agent("bob")))
            .ToList();

        var result = await t.Routes().ApplyEachAsync(lines, "al via routes assign", Seed.Ct);

        Assert.Equal((count, 0), (result.Changed, result.Unchanged));
        Assert.Equal(count / 2, (await t.Routes().ListAsync(DestinationType.Agent, Seed.Ct)).Count(r => r.AgentId == "alice"));
        var audit = await t.Routes().AuditAsync(null, count, Seed.Ct);
        Assert.Equal(Enumerable.Range(0, count).Select(Number), audit.Select(a => a.Number));
        Assert.All(audit, a => Assert.Equal(a.NewDestination, Convert.ToInt32(a.Number[^4..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "agent:alice" : "agent:bob"));
    }
}
