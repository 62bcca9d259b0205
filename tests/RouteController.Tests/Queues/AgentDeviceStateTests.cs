using LeadDesk.RouteController.Queues;

namespace RouteController.Tests.Queues;

/// <summary>What a controller behind the proxy sets for each queue member, row by row.</summary>
public class AgentDeviceStateTests
{
    private static readonly (string, string)[] Answering = [("alice", "1001"), ("bob", "1002")];

    [Fact]
    public void The_member_device_is_a_stasis_device_ari_controls() =>
        Assert.Equal("Stasis:agent-1001", AgentDeviceState.DeviceName("1001"));

    [Fact]
    public void After_a_connection_every_member_is_set() =>
        Assert.Equal(
            [("1001", "INUSE"), ("1002", "NOT_INUSE")],
            AgentDeviceState.Changes(Answering, new HashSet<string> { "alice" }, new Dictionary<string, string>()));

    [Fact]
    public void Only_what_changed_is_set_again() =>
        Assert.Equal(
            [("1001", "NOT_INUSE")],
            AgentDeviceState.Changes(Answering, new HashSet<string>(), new Dictionary<string, string> { ["1001"] = "INUSE", ["1002"] = "NOT_INUSE" }));

    [Fact]
    public void A_claim_on_an_agent_who_answers_no_queue_sets_nothing() =>
        Assert.Empty(AgentDeviceState.Changes([], new HashSet<string> { "carol" }, new Dictionary<string, string>()));
}
