namespace LeadDesk.Store.Queues;

/// <summary>An agent who answers a queue.</summary>
/// <param name="QueueName">The queue (app_queue's name, as in queues.conf and [leaddesk-queues]).</param>
/// <param name="AgentId">The agent.</param>
/// <param name="Extension">The agent's extension, which app_queue rings.</param>
/// <param name="AgentName">The agent's name, app_queue's member name.</param>
/// <param name="Penalty">app_queue's penalty: members with a lower one are rung first (0 to 1000).</param>
public sealed record QueueMember(string QueueName, string AgentId, string Extension, string AgentName, int Penalty);
