using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Queues;
using LeadDesk.Store.Queues;

namespace RouteController.Tests.Queues;

/// <summary>The members as app_queue reads realtime members through res_config_curl, row by row.</summary>
public class QueueMemberFeedTests
{
    private static readonly QueueMember Alice = new("support", "alice", "1001", "Alice Agent", 0);

    [Fact]
    public void One_box_rings_the_phones_own_endpoint_and_judges_it_by_its_own_state() =>
        Assert.Equal(
            "uniqueid=support-alice&queue_name=support&interface=PJSIP%2F1001&membername=Alice%20Agent&penalty=0&paused=0\n",
            QueueMemberFeed.Lines([Alice], new AgentDialString(new AgentsOptions())));

    [Fact]
    public void Behind_the_proxy_the_member_is_rung_through_it_and_judged_by_the_sites_claims() =>
        Assert.Equal(
            "uniqueid=support-alice&queue_name=support&interface=PJSIP%2F1001%40proxy&membername=Alice%20Agent&state_interface=Stasis%3Aagent-1001&penalty=0&paused=0\n",
            QueueMemberFeed.Lines([Alice], new AgentDialString(new AgentsOptions { DialString = "PJSIP/{extension}@proxy" })));

    [Fact]
    public void A_hostile_name_stays_one_field_of_one_line() =>
        Assert.Equal(
            "uniqueid=support-bob&queue_name=support&interface=PJSIP%2F1002&membername=Bob%0A%26interface%3DLocal%2Fx&penalty=3&paused=0\n",
            QueueMemberFeed.Lines([new QueueMember("support", "bob", "1002", "Bob\n&interface=Local/x", 3)], new AgentDialString(new AgentsOptions())));
}
