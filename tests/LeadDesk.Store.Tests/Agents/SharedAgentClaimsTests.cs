using LeadDesk.Store;
using LeadDesk.Store.Agents;

namespace LeadDesk.Store.Tests.Agents;

/// <summary>Claims on agents in a PostgreSQL store that two controllers share.</summary>
public class SharedAgentClaimsTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_controllers_claiming_one_agent_at_the_same_moment_get_one_claim()
    {
        using var t = new TempStore(StoreProvider.Postgres);
        var claims = new SharedAgentClaims(t.Store);

        for (var round = 0; round < 20; round++)
        {
            var agent = "agent" + round;
            var both = await Task.WhenAll(
                Task.Run(() => claims.TryTakeAsync(agent, "controller-a", "call-a", Lease, Seed.Ct), Seed.Ct),
                Task.Run(() => claims.TryTakeAsync(agent, "controller-b", "call-b", Lease, Seed.Ct), Seed.Ct));
            Assert.Single(both, won => won);
            Assert.True(await claims.IsHeldAsync(agent, Seed.Ct));
        }
    }

    [Fact]
    public async Task A_claim_its_controller_stops_renewing_is_taken_over_after_the_lease()
    {
        using var t = new TempStore(StoreProvider.Postgres);
        var claims = new SharedAgentClaims(t.Store);
        Assert.True(await claims.TryTakeAsync("alice", "dead", "call-1", TimeSpan.FromMilliseconds(300), Seed.Ct));
        Assert.False(await claims.TryTakeAsync("alice", "alive", "call-2", Lease, Seed.Ct));

        await Poll.UntilAsync(() => claims.TryTakeAsync("alice", "alive", "call-2", Lease, Seed.Ct), TimeSpan.FromSeconds(10), "the lapsed claim taken over", Seed.Ct);
        // The dead controller's late release (or renewal) no longer touches the new holder's claim.
        await claims.ReleaseAsync("alice", "dead", "call-1", Seed.Ct);
        Assert.Equal(0, await claims.RenewAsync("dead", [("alice", "call-1")], Lease, Seed.Ct));
        Assert.True(await claims.IsHeldAsync("alice", Seed.Ct));
    }

    [Fact]
    public async Task Renewing_keeps_a_claim_past_its_first_expiry_and_release_frees_the_agent()
    {
        using var t = new TempStore(StoreProvider.Postgres);
        var claims = new SharedAgentClaims(t.Store);
        Assert.True(await claims.TryTakeAsync("alice", "a", "call-1", TimeSpan.FromSeconds(2), Seed.Ct));
        Assert.True(await claims.TryTakeAsync("bob", "a", "call-2", TimeSpan.FromSeconds(2), Seed.Ct));

        Assert.Equal(2, await claims.RenewAsync("a", [("alice", "call-1"), ("bob", "call-2")], Lease, Seed.Ct));
        await claims.ReleaseAsync("alice", "a", "call-1", Seed.Ct);

        Assert.False(await claims.IsHeldAsync("alice", Seed.Ct));
        Assert.True(await claims.TryTakeAsync("alice", "b", "call-3", Lease, Seed.Ct));
        Assert.False(await claims.TryTakeAsync("bob", "b", "call-4", Lease, Seed.Ct));
    }

    [Fact]
    public async Task A_claim_whose_release_failed_is_dropped_by_the_next_renewal_and_a_lapsed_one_still_ours_is_kept()
    {
        using var t = new TempStore(StoreProvider.Postgres);
        var claims = new SharedAgentClaims(t.Store);
        Assert.True(await claims.TryTakeAsync("alice", "a", "call-over", Lease, Seed.Ct));
        Assert.True(await claims.TryTakeAsync("bob", "a", "call-live", TimeSpan.FromMilliseconds(200), Seed.Ct));
        await Poll.UntilAsync(async () => !await claims.IsHeldAsync("bob", Seed.Ct), TimeSpan.FromSeconds(10), "bob's claim lapsed", Seed.Ct);

        // Alice's call is over but its release never reached the store; bob's claim lapsed while the store was out
        // of reach, and nobody took it over.
        Assert.Equal(1, await claims.RenewAsync("a", [("bob", "call-live")], Lease, Seed.Ct));

        Assert.False(await claims.IsHeldAsync("alice", Seed.Ct));
        Assert.True(await claims.IsHeldAsync("bob", Seed.Ct));
        Assert.False(await claims.TryTakeAsync("bob", "b", "call-other", Lease, Seed.Ct));
    }

    [Fact]
    public void A_sqlite_store_is_refused_since_one_controller_keeps_its_claims_in_memory()
    {
        using var t = new TempStore(StoreProvider.Sqlite);
        Assert.Throws<ArgumentException>(() => new SharedAgentClaims(t.Store));
    }
}
