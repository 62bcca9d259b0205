using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Agents;

public abstract class AgentRosterTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : AgentRosterTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : AgentRosterTests(StoreProvider.Postgres);

    [Fact]
    public async Task An_agent_with_routes_cannot_be_removed_and_the_error_names_them()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddAgentAsync("alice", "1001");
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().RemoveAsync("alice", Seed.Ct));
        Assert.Contains("+358401234567", e.Message);

        await t.RouteAsync(RouteTarget.Unassigned, "+358401234567");
        await t.Agents().RemoveAsync("alice", Seed.Ct);
        Assert.Null(await t.Agents().FindAsync("alice", Seed.Ct));
    }

    [Fact]
    public async Task An_agent_is_added_with_a_campaign_and_voicemail_in_one_transaction_or_not_at_all()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await new LeadDesk.Store.Campaigns.CampaignRegistry(t.Store, t.Normalizer).AddAsync("spring", "+358401234567", cancellationToken: Seed.Ct);
        var before = await t.SnapshotAsync();

        var noCampaign = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().AddAsync(
            "alice", "Alice Agent", "1001", ["alice@example.com"], null, new AgentChanges(Campaign: "autumn"), Seed.Ct));
        var badVoicemail = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().AddAsync(
            "alice", "Alice Agent", "1001", ["alice@example.com"], null, new AgentChanges(Unreachable: UnreachableDestination.VoicemailTo("x@example.com")), Seed.Ct));

        Assert.Equal("There is no campaign 'autumn' (campaigns add).", noCampaign.Message);
        Assert.Contains("x@example.com", badVoicemail.Message, StringComparison.Ordinal);
        Assert.Equal(before, await t.SnapshotAsync());

        await t.Agents().AddAsync("alice", "Alice Agent", "1001", ["alice@example.com"], null,
            new AgentChanges(Campaign: "spring", Unreachable: UnreachableDestination.VoicemailTo("alice@example.com")), Seed.Ct);
        var alice = await t.Agents().FindAsync("alice", Seed.Ct);
        Assert.Equal("spring", alice!.Campaign);
        Assert.Equal(UnreachableDestination.VoicemailTo("alice@example.com"), alice.Unreachable);
    }

    [Fact]
    public async Task Voicemail_must_go_to_one_of_the_agents_emails()
    {
        using var t = NewStore();
        await t.AddAgentAsync("alice", "1001", "alice@example.com");
        var before = await t.SnapshotAsync();
        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() =>
            t.Agents().SetAsync("alice", new AgentChanges(Unreachable: UnreachableDestination.VoicemailTo("other@example.com")), Seed.Ct));
        Assert.Contains("other@example.com", e.Message);
        Assert.Equal(before, await t.SnapshotAsync());
    }

    [Fact]
    public async Task The_voicemail_email_cannot_be_removed_while_it_is_the_target()
    {
        using var t = NewStore();
        await t.AddAgentAsync("alice", "1001", "alice@example.com", "b@example.com");
        await t.Agents().SetAsync("alice", new AgentChanges(Unreachable: UnreachableDestination.Parse("voicemail:alice@example.com")), Seed.Ct);
        var before = await t.SnapshotAsync();

        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().SetAsync("alice", new AgentChanges(Emails: ["b@example.com"]), Seed.Ct));
        Assert.Contains("voicemail", e.Message);
        Assert.Equal(before, await t.SnapshotAsync());

        // Changing both in one go is fine.
        await t.Agents().SetAsync("alice", new AgentChanges(Emails: ["b@example.com"], Unreachable: UnreachableDestination.None), Seed.Ct);
    }

    [Fact]
    public async Task The_outbound_caller_id_must_be_an_owned_inventory_number_and_warns_when_it_does_not_route_back()
    {
        using var t = NewStore();
        await t.AddNumbersAsync(true, "+358401234567");
        await t.AddNumbersAsync(false, "+358401234568");
        await t.AddAgentAsync("alice", "1001");

        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: "+358401234599"), Seed.Ct));
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: "+358401234568"), Seed.Ct));

        var warnings = await t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: "0401234567"), Seed.Ct);
        Assert.Single(warnings);
        await t.RouteAsync(RouteTarget.Agent("alice"), "+358401234567");
        Assert.Empty(await t.Agents().SetAsync("alice", new AgentChanges(OutboundCallerId: "+358401234567"), Seed.Ct));
        Assert.Equal("+358401234567", (await t.Agents().FindAsync("alice", Seed.Ct))!.OutboundCallerId);
    }

    [Theory]
    [InlineData("10a1")]
    [InlineData("1001&PJSIP/evil")]
    [InlineData("")]
    public async Task Extensions_are_digits_only(string extension)
    {
        using var t = NewStore();
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().AddAsync("alice", "Alice", extension, ["a@example.com"], null, Seed.Ct));
        Assert.Empty(await t.Agents().ListAsync(Seed.Ct));
    }

    [Theory]
    [InlineData("a@example.com\r\nBcc: x@evil.com")]
    [InlineData("a@b@example.com")]
    [InlineData("no-at-sign")]
    [InlineData("a@localhost")]
    public async Task Bad_email_addresses_are_refused(string email)
    {
        using var t = NewStore();
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().AddAsync("alice", "Alice", "1001", [email], null, Seed.Ct));
    }

    [Fact]
    public async Task Names_with_control_characters_or_10_kb_are_refused()
    {
        using var t = NewStore();
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().AddAsync("alice", "Al\u0007ice", "1001", ["a@example.com"], null, Seed.Ct));
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().AddAsync("alice", new string('x', 10_240), "1001", ["a@example.com"], null, Seed.Ct));
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().AddAsync("alice'; DROP TABLE agents;--", "A", "1001", ["a@example.com"], null, Seed.Ct));
    }

    [Fact]
    public async Task Extensions_are_unique()
    {
        using var t = NewStore();
        await t.AddAgentAsync("alice", "1001");
        var e = await Assert.ThrowsAsync<RoutingRefusedException>(() => t.AddAgentAsync("bob", "1001"));
        Assert.Contains("alice", e.Message);
    }

    [Fact]
    public async Task Login_and_logout_change_state_and_unknown_agents_are_refused()
    {
        using var t = NewStore();
        await t.AddAgentAsync("alice", "1001");
        await t.Agents().SetLoggedInAsync("alice", true, Seed.Ct);
        Assert.True((await t.Agents().FindAsync("alice", Seed.Ct))!.LoggedIn);
        await t.Agents().SetLoggedInAsync("alice", false, Seed.Ct);
        Assert.False((await t.Agents().FindAsync("alice", Seed.Ct))!.LoggedIn);
        await Assert.ThrowsAsync<RoutingRefusedException>(() => t.Agents().SetLoggedInAsync("bob", true, Seed.Ct));
    }
}
