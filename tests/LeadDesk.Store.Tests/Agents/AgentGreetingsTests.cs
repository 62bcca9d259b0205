using LeadDesk.Store;
using LeadDesk.Store.Agents;
using static LeadDesk.Store.Tests.Seed;

namespace LeadDesk.Store.Tests.Agents;

public abstract class AgentGreetingsTests(StoreProvider provider) : StoreTest(provider)
{
    public sealed class OnSqlite() : AgentGreetingsTests(StoreProvider.Sqlite);

    public sealed class OnPostgres() : AgentGreetingsTests(StoreProvider.Postgres);

    private static readonly byte[] Audio = [0x52, 0x49, 0x46, 0x46, 1, 2, 3];
    private static readonly DateTimeOffset Recorded = new(2026, 11, 30, 7, 45, 12, TimeSpan.Zero);

    [Fact]
    public async Task A_saved_greeting_is_found_with_its_audio_and_shown_on_the_agents_card()
    {
        using var temp = NewStore();
        await temp.AddAgentAsync("alice", "1001", "alice@example.com");
        var greetings = new AgentGreetings(temp.Store);

        Assert.Null(await greetings.FindAsync("alice", Ct));
        Assert.False((await temp.Agents().FindAsync("alice", Ct))!.HasGreeting);

        await greetings.SaveAsync(new AgentGreeting("alice", AgentGreetings.RecordingNameFor("alice"), Audio, Recorded), Ct);

        var found = Assert.IsType<AgentGreeting>(await greetings.FindAsync("alice", Ct));
        Assert.Equal("greeting-alice", found.RecordingName);
        Assert.Equal(Audio, found.Wav);
        Assert.Equal(Recorded, found.RecordedAt);
        Assert.Equal("greeting-alice", await greetings.GetRecordingNameAsync("alice", Ct));
        Assert.Null(await greetings.GetRecordingNameAsync("bob", Ct));
        Assert.Equal(Recorded, (await temp.Agents().FindAsync("alice", Ct))!.GreetingRecordedAt);
    }

    [Fact]
    public async Task A_new_greeting_replaces_the_old_one_and_delete_forgets_it()
    {
        using var temp = NewStore();
        await temp.AddAgentAsync("alice", "1001", "alice@example.com");
        var greetings = new AgentGreetings(temp.Store);
        await greetings.SaveAsync(new AgentGreeting("alice", "greeting-alice", Audio, Recorded), Ct);

        byte[] newer = [9, 9, 9];
        await greetings.SaveAsync(new AgentGreeting("alice", "greeting-alice", newer, Recorded.AddDays(1)), Ct);
        var found = Assert.IsType<AgentGreeting>(await greetings.FindAsync("alice", Ct));
        Assert.Equal(newer, found.Wav);
        Assert.Equal(Recorded.AddDays(1), found.RecordedAt);

        Assert.True(await greetings.DeleteAsync("alice", Ct));
        Assert.False(await greetings.DeleteAsync("alice", Ct));
        Assert.Null(await greetings.FindAsync("alice", Ct));
    }

    [Fact]
    public async Task A_greeting_for_no_agent_or_without_audio_is_refused()
    {
        using var temp = NewStore();
        await temp.AddAgentAsync("alice", "1001", "alice@example.com");
        var greetings = new AgentGreetings(temp.Store);

        var noAgent = await Assert.ThrowsAsync<RoutingRefusedException>(() =>
            greetings.SaveAsync(new AgentGreeting("bob", "greeting-bob", Audio, Recorded), Ct));
        Assert.Contains("bob", noAgent.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RoutingRefusedException>(() =>
            greetings.SaveAsync(new AgentGreeting("alice", "greeting-alice", [], Recorded), Ct));
        Assert.Null(await greetings.FindAsync("alice", Ct));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("alice/x")]
    [InlineData("")]
    public void A_recording_name_is_only_made_from_a_valid_agent_id(string id) =>
        Assert.Throws<RoutingRefusedException>(() => AgentGreetings.RecordingNameFor(id));

    [Fact]
    public async Task The_agent_is_found_by_the_extension_of_their_phone()
    {
        using var temp = NewStore();
        await temp.AddAgentAsync("alice", "1001", "alice@example.com");

        Assert.Equal("alice", (await temp.Agents().FindByExtensionAsync("1001", Ct))?.Id);
        Assert.Null(await temp.Agents().FindByExtensionAsync("1002", Ct));
    }

    [Fact]
    public async Task Removing_the_agent_removes_their_greeting()
    {
        using var temp = NewStore();
        await temp.AddAgentAsync("alice", "1001", "alice@example.com");
        var greetings = new AgentGreetings(temp.Store);
        await greetings.SaveAsync(new AgentGreeting("alice", "greeting-alice", Audio, Recorded), Ct);

        await temp.Agents().RemoveAsync("alice", Ct);

        Assert.Null(await greetings.FindAsync("alice", Ct));
    }
}
