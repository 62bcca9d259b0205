namespace LeadDesk.Store.Queues;

/// <summary>An Asterisk queue (app_queue, provisioned in queues.conf) that inbound numbers can feed.</summary>
public sealed record InboundQueue(string Name, IReadOnlyList<string> Numbers);
