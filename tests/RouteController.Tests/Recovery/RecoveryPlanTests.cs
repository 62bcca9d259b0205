using LeadDesk.Ari.Client.Models;
using LeadDesk.RouteController.Recovery;
using LeadDesk.Store.Voicemail;

namespace RouteController.Tests.Recovery;

/// <summary>The fate of every channel, bridge and journal row after a reconnect, decided without Asterisk, row by row.</summary>
public sealed class RecoveryPlanTests
{
    private static readonly DateTimeOffset ConnectedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Channel InStasis(string id, string state = "Up", int secondsBeforeConnect = 60) => new()
    {
        Id = id,
        State = state,
        Dialplan = new DialplanCep { AppName = "Stasis" },
        CreationTime = ConnectedAt.AddSeconds(-secondsBeforeConnect),
    };

    private static Channel InDialplan(string id, string application) => new()
    {
        Id = id,
        State = "Up",
        Dialplan = new DialplanCep { AppName = application },
        CreationTime = ConnectedAt.AddMinutes(-1),
    };

    private static Bridge Bridge(string id, params string[] channels) => new() { Id = id, Channels = channels };

    private static MessageInProgress Message(string channelId) =>
        new($"vm-{channelId}", channelId, "alice", "Alice", "alice@example.com", "+358401111111", null, "+358402222222", ConnectedAt.AddMinutes(-1));

    private static RecoveryPlan Plan(
        Channel[]? channels = null,
        Bridge[]? bridges = null,
        string[]? applicationChannels = null,
        string[]? applicationBridges = null,
        TrackedCall[]? calls = null,
        string[]? trackedBridges = null,
        MessageInProgress[]? journal = null)
    {
        channels ??= [];
        calls ??= [];
        return RecoveryPlan.From(new RecoveryFacts(
            channels,
            bridges ?? [],
            applicationChannels ?? [.. channels.Select(c => c.Id)],
            applicationBridges ?? [.. (bridges ?? []).Select(b => b.Id)],
            calls,
            [.. calls.SelectMany(c => c.LiveLegs.Append(c.CallerChannelId))],
            trackedBridges ?? [],
            journal ?? [],
            ConnectedAt));
    }

    [Fact]
    public void Nothing_in_Asterisk_and_nothing_followed_means_nothing_to_do()
    {
        var plan = Plan();

        Assert.Empty(plan.Vanished);
        Assert.Empty(plan.LeaveInDialplan);
        Assert.Empty(plan.AdoptBridges);
        Assert.Empty(plan.DestroyBridges);
        Assert.Empty(plan.AdoptVoicemail);
        Assert.Empty(plan.RecoverVoicemail);
        Assert.Empty(plan.Release);
        Assert.Empty(plan.LeftToDispatcher);
    }

    [Fact]
    public void A_followed_call_whose_caller_and_leg_vanished_is_told_about_both()
    {
        var plan = Plan(calls: [new TrackedCall("caller", ["leg"])]);

        Assert.Equal([new VanishedChannel("caller", "leg"), new VanishedChannel("caller", "caller")], plan.Vanished);
    }

    [Fact]
    public void A_followed_call_still_in_Asterisk_is_left_to_its_flow()
    {
        var plan = Plan(channels: [InStasis("caller"), InStasis("leg")], calls: [new TrackedCall("caller", ["leg"])]);

        Assert.Empty(plan.Vanished);
        Assert.Empty(plan.Release);
        Assert.Empty(plan.LeftToDispatcher);
    }

    [Fact]
    public void A_caller_handed_to_the_dialplan_is_left_there()
    {
        var plan = Plan(channels: [InDialplan("queued", "Queue")]);

        Assert.Equal([new LeftInDialplan("queued", "Queue")], plan.LeaveInDialplan);
        Assert.Empty(plan.Release);
    }

    [Fact]
    public void A_bridge_holding_both_sides_of_a_conversation_nobody_follows_is_adopted()
    {
        var plan = Plan(channels: [InStasis("a"), InStasis("b")], bridges: [Bridge("br", "a", "b")]);

        Assert.Equal([new AdoptedBridge("br", "a", "b")], plan.AdoptBridges);
        Assert.Empty(plan.DestroyBridges);
        Assert.Empty(plan.Release);
    }

    [Fact]
    public void An_orphan_bridge_with_one_side_left_is_destroyed_and_that_side_released()
    {
        var plan = Plan(channels: [InStasis("a")], bridges: [Bridge("br", "a")]);

        Assert.Equal([new OrphanBridge("br", 1)], plan.DestroyBridges);
        Assert.Empty(plan.AdoptBridges);
        Assert.Equal(["a"], plan.Release.Select(c => c.Id));
    }

    [Fact]
    public void An_empty_orphan_bridge_is_destroyed()
    {
        var plan = Plan(bridges: [Bridge("br")]);

        Assert.Equal([new OrphanBridge("br", 0)], plan.DestroyBridges);
        Assert.Empty(plan.Release);
    }

    [Fact]
    public void A_bridge_of_three_is_not_a_conversation_it_is_destroyed()
    {
        var plan = Plan(channels: [InStasis("a"), InStasis("b"), InStasis("c")], bridges: [Bridge("br", "a", "b", "c")]);

        Assert.Equal([new OrphanBridge("br", 3)], plan.DestroyBridges);
        Assert.Equal(["a", "b", "c"], plan.Release.Select(c => c.Id).Order());
    }

    [Fact]
    public void A_bridge_of_two_with_a_side_outside_our_application_is_destroyed()
    {
        var plan = Plan(channels: [InStasis("a"), InStasis("b")], bridges: [Bridge("br", "a", "b")], applicationChannels: ["a"]);

        Assert.Equal([new OrphanBridge("br", 2)], plan.DestroyBridges);
        Assert.Equal(["a"], plan.Release.Select(c => c.Id));
    }

    [Fact]
    public void A_bridge_a_followed_call_owns_is_left_alone()
    {
        var plan = Plan(
            channels: [InStasis("caller"), InStasis("leg")],
            bridges: [Bridge("br", "caller", "leg")],
            calls: [new TrackedCall("caller", ["leg"])],
            trackedBridges: ["br"]);

        Assert.Empty(plan.AdoptBridges);
        Assert.Empty(plan.DestroyBridges);
    }

    [Fact]
    public void A_bridge_outside_our_application_is_left_alone()
    {
        var plan = Plan(channels: [InStasis("a")], bridges: [Bridge("br", "a")], applicationBridges: []);

        Assert.Empty(plan.DestroyBridges);
        Assert.Equal(["a"], plan.Release.Select(c => c.Id));
    }

    [Fact]
    public void A_message_whose_caller_still_records_in_our_application_is_adopted_not_released()
    {
        var message = Message("caller");
        var plan = Plan(channels: [InStasis("caller")], journal: [message]);

        var adopted = Assert.Single(plan.AdoptVoicemail);
        Assert.Equal(("caller", message), (adopted.Channel.Id, adopted.Message));
        Assert.Empty(plan.Release);
        Assert.Empty(plan.RecoverVoicemail);
    }

    [Fact]
    public void A_message_whose_caller_is_gone_is_recovered_from_the_spool()
    {
        var message = Message("gone");

        Assert.Equal([message], Plan(journal: [message]).RecoverVoicemail);
    }

    [Fact]
    public void A_message_whose_caller_went_to_the_dialplan_is_recovered_from_the_spool()
    {
        var message = Message("queued");

        var plan = Plan(channels: [InDialplan("queued", "Queue")], journal: [message]);

        Assert.Equal([message], plan.RecoverVoicemail);
        Assert.Empty(plan.AdoptVoicemail);
    }

    [Fact]
    public void A_message_of_a_call_this_process_follows_is_its_flows_business()
    {
        var plan = Plan(channels: [InStasis("caller")], calls: [new TrackedCall("caller", [])], journal: [Message("caller")]);

        Assert.Empty(plan.AdoptVoicemail);
        Assert.Empty(plan.RecoverVoicemail);
    }

    [Fact]
    public void A_message_of_a_conversation_adopted_from_its_bridge_is_neither_adopted_nor_recovered()
    {
        var plan = Plan(channels: [InStasis("a"), InStasis("b")], bridges: [Bridge("br", "a", "b")], journal: [Message("a")]);

        Assert.Single(plan.AdoptBridges);
        Assert.Empty(plan.AdoptVoicemail);
        Assert.Empty(plan.RecoverVoicemail);
    }

    [Theory]
    [InlineData("Up")]
    [InlineData("Ring")]
    public void A_caller_waiting_since_before_the_connect_with_no_state_is_released(string state)
    {
        var plan = Plan(channels: [InStasis("stray", state)]);

        Assert.Equal([("stray", state)], plan.Release.Select(c => (c.Id, c.State)));
    }

    [Fact]
    public void A_channel_created_after_the_connect_is_a_new_call_left_to_the_dispatcher()
    {
        var plan = Plan(channels: [InStasis("new", secondsBeforeConnect: -1)]);

        Assert.Empty(plan.Release);
        Assert.Equal(["new"], plan.LeftToDispatcher);
    }

    [Fact]
    public void A_channel_created_at_the_very_moment_of_the_connect_is_left_to_the_dispatcher()
    {
        var plan = Plan(channels: [InStasis("new", secondsBeforeConnect: 0)]);

        Assert.Empty(plan.Release);
        Assert.Equal(["new"], plan.LeftToDispatcher);
    }

    [Fact]
    public void A_channel_created_after_the_connect_left_alone_in_an_orphan_bridge_is_still_left_to_the_dispatcher()
    {
        var plan = Plan(channels: [InStasis("new", secondsBeforeConnect: -1)], bridges: [Bridge("br", "new")]);

        Assert.Equal([new OrphanBridge("br", 1)], plan.DestroyBridges);
        Assert.Empty(plan.Release);
        Assert.Equal(["new"], plan.LeftToDispatcher);
    }

    [Fact]
    public void A_channel_Asterisk_has_but_our_application_does_not_is_not_ours_to_release()
    {
        var plan = Plan(channels: [InStasis("elsewhere")], applicationChannels: []);

        Assert.Empty(plan.Release);
        Assert.Empty(plan.LeftToDispatcher);
    }

    [Theory]
    [InlineData(+1, false, false, OpenRowFate.Leave)]
    [InlineData(0, false, false, OpenRowFate.Leave)]
    [InlineData(0, true, true, OpenRowFate.Leave)]
    [InlineData(-1, false, false, OpenRowFate.CloseAsFailed)]
    [InlineData(-1, true, false, OpenRowFate.Leave)]
    [InlineData(-1, true, true, OpenRowFate.GiveToAdoptedCall)]
    public void An_open_row_left_by_a_previous_process(int startedSecondsAfterConnect, bool followed, bool adopted, OpenRowFate fate) =>
        Assert.Equal(fate, RecoveryPlan.FateOfOpenRow(ConnectedAt.AddSeconds(startedSecondsAfterConnect), ConnectedAt, followed, adopted));
}
