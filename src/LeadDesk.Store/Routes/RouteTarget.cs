using LeadDesk.Store.Agents;
using LeadDesk.Store.Validation;
namespace LeadDesk.Store.Routes;

/// <summary>Where a routing change sends numbers: an agent, a queue, a custom destination, or nowhere.</summary>
public sealed record RouteTarget
{
    private RouteTarget(DestinationType type, string? agentId, string? queueName, string? destinationName)
    {
        Type = type;
        AgentId = agentId;
        QueueName = queueName;
        DestinationName = destinationName;
    }

    public static RouteTarget Unassigned { get; } = new(DestinationType.Unassigned, null, null, null);

    public DestinationType Type { get; }

    public string? AgentId { get; }

    public string? QueueName { get; }

    public string? DestinationName { get; }

    public static RouteTarget Agent(string agentId) => new(DestinationType.Agent, InputRules.AgentId(agentId), null, null);

    public static RouteTarget Queue(string queueName) => new(DestinationType.Queue, null, InputRules.QueueName(queueName), null);

    public static RouteTarget Custom(string destinationName) =>
        new(DestinationType.Custom, null, null, InputRules.DestinationName(destinationName));

    /// <summary>The audit form: <c>agent:1001</c>, <c>queue:sales</c>, <c>custom:x</c>, <c>unassigned</c>.</summary>
    public override string ToString() => Describe(Type, AgentId, QueueName ?? DestinationName);

    internal static string Describe(DestinationType type, string? agentId, string? destination) => type switch
    {
        DestinationType.Agent => "agent:" + agentId,
        DestinationType.Queue => "queue:" + destination,
        DestinationType.Custom => "custom:" + destination,
        _ => "unassigned",
    };

    /// <summary>
    /// <see cref="Describe(DestinationType, string?, string?)"/> in SQL, over a row of <c>inbound_numbers n</c> as
    /// <see cref="Numbers.InboundNumber.DestinationToken"/> reads it (destination = queue name, else custom name): the
    /// set-based change compares and audits with it, so it must say exactly what the C# says.
    /// </summary>
    internal const string DescribeSql = """
        (CASE n.destination_type
            WHEN 'agent' THEN 'agent:' || COALESCE(n.agent_id, '')
            WHEN 'queue' THEN 'queue:' || COALESCE(n.queue_name, n.destination_name, '')
            WHEN 'custom' THEN 'custom:' || COALESCE(n.queue_name, n.destination_name, '')
            ELSE 'unassigned' END)
        """;
}
