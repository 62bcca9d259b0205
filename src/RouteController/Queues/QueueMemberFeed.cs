using System.Globalization;
using System.Text;
using LeadDesk.RouteController.Agents;
using LeadDesk.Store.Queues;

namespace LeadDesk.RouteController.Queues;

/// <summary>
/// The store's queue members as app_queue reads realtime members through res_config_curl: one line per member, the
/// fields URL-encoded as <c>key=value&amp;...</c>. Pure: what Asterisk gets is a function of the members and the
/// dial string.
/// </summary>
/// <remarks>
/// The interface is what the controller itself dials for the agent (<see cref="AgentDialString"/>: <c>PJSIP/1001</c>
/// on one box, <c>PJSIP/1001@proxy</c> behind the proxy). Behind the proxy the state interface is the agent's
/// <c>Stasis:agent-1001</c> (<see cref="AgentDeviceState"/>), which the controllers set from the site's claims; on one
/// box none is given, so app_queue judges the phone's own endpoint. The unique id, <c>queue-agent</c>, is what
/// app_queue keeps a member by between reads.
/// </remarks>
internal static class QueueMemberFeed
{
    public static string Lines(IEnumerable<QueueMember> members, AgentDialString dialString)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(dialString);
        var text = new StringBuilder();
        foreach (var m in members)
        {
            if (!AgentDialString.IsExtension(m.Extension))
            {
                continue;
            }

            Field(text, "uniqueid", $"{m.QueueName}-{m.AgentId}", first: true);
            Field(text, "queue_name", m.QueueName);
            Field(text, "interface", dialString.For(m.Extension));
            Field(text, "membername", m.AgentName);
            if (!dialString.RingsLocalEndpoint)
            {
                Field(text, "state_interface", AgentDeviceState.DeviceName(m.Extension));
            }

            Field(text, "penalty", m.Penalty.ToString(CultureInfo.InvariantCulture));
            Field(text, "paused", "0");
            text.Append('\n');
        }

        return text.ToString();
    }

    private static void Field(StringBuilder text, string key, string value, bool first = false) =>
        text.Append(first ? "" : "&").Append(key).Append('=').Append(Uri.EscapeDataString(value));
}
