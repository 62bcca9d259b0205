using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Routing;

namespace LeadDesk.Store.Tests.Routing;

/// <summary>The rows of docs/behaviour.md's behaviour table, decided without Asterisk.</summary>
public class RouteDeciderTests
{
    private const string Number = "+358401234567";
    private const string Options = "carrier";

    private static InboundRoute AgentRoute(bool loggedIn, UnreachableDestination unreachable) =>
        new(Number, true, DestinationType.Agent, new AgentRouteTarget("alice", "Alice", "1001", loggedIn, unreachable, false), null, null);

    [Fact]
    public void A_number_not_in_the_inventory_is_unknown() =>
        Assert.IsType<RouteDecision.Unknown>(RouteDecider.Decide(null, Options));

    [Fact]
    public void A_free_number_is_not_assigned() =>
        Assert.IsType<RouteDecision.NotAssigned>(RouteDecider.Decide(new InboundRoute(Number, true, DestinationType.Unassigned, null, null, null), Options));

    [Fact]
    public void A_number_we_do_not_own_leads_nowhere_even_if_a_route_was_left_on_it() =>
        Assert.IsType<RouteDecision.NotAssigned>(RouteDecider.Decide(new InboundRoute(Number, false, DestinationType.Queue, null, "support", null), Options));

    [Fact]
    public void A_logged_in_agent_is_rung_on_their_extension()
    {
        var decision = Assert.IsType<RouteDecision.RingAgent>(RouteDecider.Decide(AgentRoute(true, UnreachableDestination.None), Options));

        Assert.Equal("alice", decision.AgentId);
        Assert.Equal("1001", decision.Extension);
    }

    [Fact]
    public void A_logged_out_agent_with_voicemail_gets_voicemail_to_the_chosen_address()
    {
        var decision = RouteDecider.Decide(AgentRoute(false, UnreachableDestination.VoicemailTo("alice@example.com")), Options);

        Assert.Equal(new RouteDecision.Voicemail("alice", "alice@example.com", "Alice"), decision);
    }

    [Fact]
    public void A_logged_out_agent_without_a_not_reachable_destination_is_unreachable() =>
        Assert.Equal(new RouteDecision.AgentUnreachable("alice"), RouteDecider.Decide(AgentRoute(false, UnreachableDestination.None), Options));

    [Fact]
    public void A_queue_number_goes_to_its_queue() =>
        Assert.Equal(new RouteDecision.Queue("support"), RouteDecider.Decide(new InboundRoute(Number, true, DestinationType.Queue, null, "support", null), Options));

    [Fact]
    public void Custom_destinations_go_to_the_dialplan_an_endpoint_or_out_through_the_trunk()
    {
        Assert.Equal(new RouteDecision.Dialplan("ivr", "support-ivr", "s", 1), RouteDecider.Decide(Custom(CustomDestination.Dialplan("ivr", "support-ivr", "s")), Options));
        Assert.Equal(new RouteDecision.CustomEndpoint("desk", "PJSIP/2001"), RouteDecider.Decide(Custom(CustomDestination.ToEndpoint("desk", "PJSIP/2001")), Options));
        Assert.Equal(new RouteDecision.CustomEndpoint("office", "PJSIP/+358501112222@carrier"), RouteDecider.Decide(Custom(CustomDestination.ToNumber("office", "+358501112222")), Options, FinlandOnly));
    }

    private static InboundRoute Custom(CustomDestination d) => new(Number, true, DestinationType.Custom, null, null, d);

    [Fact]
    public void An_external_number_without_an_outbound_trunk_is_a_configuration_error_not_a_guess()
    {
        var route = new InboundRoute(Number, true, DestinationType.Custom, null, null, CustomDestination.ToNumber("office", "+358501112222"));

        Assert.IsType<RouteDecision.Misconfigured>(RouteDecider.Decide(route, outboundTrunk: ""));
    }

    private static readonly DialRules FinlandOnly = new(new PhoneNumberNormalizer("FI"), ["FI"]);

    [Fact]
    public void A_custom_external_number_the_dial_policy_allows_is_dialled_through_the_trunk() =>
        Assert.Equal(
            new RouteDecision.CustomEndpoint("office", "PJSIP/+358501112222@carrier"),
            RouteDecider.Decide(Custom(CustomDestination.ToNumber("office", "+358501112222")), Options, FinlandOnly));

    [Theory]
    [InlineData("+358600123456", "dial policy: +358600123456 is a premium-rate number")]
    [InlineData("+12025550123", "dial policy: +12025550123 is in region US, not in the allowed regions (FI)")]
    public void A_custom_external_number_the_dial_policy_refuses_is_misconfigured_with_the_reason(string number, string reason) =>
        Assert.Equal(
            new RouteDecision.Misconfigured("premium", reason),
            RouteDecider.Decide(Custom(CustomDestination.ToNumber("premium", number)), Options, FinlandOnly));

    [Fact]
    public void A_custom_external_number_without_the_dial_rules_is_never_dialled() =>
        Assert.IsType<RouteDecision.Misconfigured>(RouteDecider.Decide(Custom(CustomDestination.ToNumber("office", "+358501112222")), Options, dialRules: null));
}
