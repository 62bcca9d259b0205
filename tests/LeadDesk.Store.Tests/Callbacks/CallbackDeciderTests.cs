using LeadDesk.Store.Agents;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;
using LeadDesk.Store.Callbacks;

namespace LeadDesk.Store.Tests.Callbacks;

/// <summary>The callback table of docs/behaviour.md, one row a test, decided without Asterisk.</summary>
public class CallbackDeciderTests
{
    private const string Number = "+358401234570";
    private const string Lead = "+358451234567";
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly RouteDecision Queue = new RouteDecision.Queue("support");

    private static InboundRoute QueueNumber(TimeSpan? window) =>
        new(Number, true, DestinationType.Queue, null, "support", null) { CallbackWindow = window };

    private static CallbackCandidate Bob(TimeSpan ago, bool loggedIn = true) => new("bob", "Bob", "1002", loggedIn, Now - ago);

    private static CallbackDecision Decide(InboundRoute? route, CallbackCandidate? last, string? caller = Lead, bool onCall = false) =>
        CallbackDecider.Decide(route, Queue, new CallbackFacts(caller, last, onCall, Now));

    private static CallbackSkip Skipped(CallbackDecision decision) => Assert.IsType<CallbackDecision.OwnRouteOnly>(decision).Why;

    [Fact]
    public void The_agent_of_the_answered_call_inside_the_window_rings_first_then_the_own_route()
    {
        var first = Assert.IsType<CallbackDecision.RingFirst>(Decide(QueueNumber(TimeSpan.FromDays(7)), Bob(TimeSpan.FromDays(6))));

        Assert.Equal("bob", first.Agent.AgentId);
        Assert.Equal("1002", first.Agent.Extension);
        Assert.Equal(Queue, first.OwnRoute);
    }

    [Fact]
    public void A_number_without_a_window_goes_to_its_own_route() =>
        Assert.Equal(CallbackSkip.Off, Skipped(Decide(QueueNumber(null), Bob(TimeSpan.FromHours(1)))));

    [Fact]
    public void An_anonymous_or_unparseable_caller_goes_to_the_own_route_at_once() =>
        Assert.Equal(CallbackSkip.NoCallerNumber, Skipped(Decide(QueueNumber(TimeSpan.FromDays(7)), Bob(TimeSpan.FromHours(1)), caller: null)));

    [Fact]
    public void No_answered_outbound_call_to_the_caller_is_the_own_route() =>
        Assert.Equal(CallbackSkip.NoAnsweredCall, Skipped(Decide(QueueNumber(TimeSpan.FromDays(7)), null)));

    [Fact]
    public void A_call_older_than_the_window_has_expired()
    {
        var decision = Decide(QueueNumber(TimeSpan.FromHours(12)), Bob(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1)));

        Assert.Equal(CallbackSkip.WindowExpired, Skipped(decision));
        Assert.Equal(Queue, decision.OwnRoute);
        // Exactly at the edge it still counts.
        Assert.IsType<CallbackDecision.RingFirst>(Decide(QueueNumber(TimeSpan.FromHours(12)), Bob(TimeSpan.FromHours(12))));
    }

    [Fact]
    public void A_logged_out_callback_agent_is_skipped_not_sent_to_voicemail() =>
        Assert.Equal(CallbackSkip.AgentLoggedOut, Skipped(Decide(QueueNumber(TimeSpan.FromDays(7)), Bob(TimeSpan.FromHours(1), loggedIn: false))));

    [Fact]
    public void A_callback_agent_on_a_call_is_skipped_not_given_a_busy_tone() =>
        Assert.Equal(CallbackSkip.AgentOnCall, Skipped(Decide(QueueNumber(TimeSpan.FromDays(7)), Bob(TimeSpan.FromHours(1)), onCall: true)));

    [Fact]
    public void When_the_callback_agent_is_the_numbers_own_agent_the_own_route_rings_them_once()
    {
        var route = new InboundRoute(Number, true, DestinationType.Agent, new AgentRouteTarget("bob", "Bob", "1002", true, UnreachableDestination.None, false), null, null)
        {
            CallbackWindow = TimeSpan.FromDays(7),
        };
        var own = RouteDecider.Decide(route, "carrier");

        var decision = CallbackDecider.Decide(route, own, new CallbackFacts(Lead, Bob(TimeSpan.FromHours(1)), false, Now));

        Assert.Equal(CallbackSkip.OwnAgent, Skipped(decision));
        Assert.Equal(new RouteDecision.RingAgent("bob", "1002"), decision.OwnRoute);
    }

    [Fact]
    public void Unknown_and_not_owned_numbers_have_no_callback()
    {
        Assert.Equal(CallbackSkip.NotRoutable, Skipped(Decide(null, Bob(TimeSpan.FromHours(1)))));
        var notOwned = new InboundRoute(Number, false, DestinationType.Unassigned, null, null, null) { CallbackWindow = TimeSpan.FromDays(7) };
        Assert.Equal(CallbackSkip.NotRoutable, Skipped(Decide(notOwned, Bob(TimeSpan.FromHours(1)))));
    }
}
