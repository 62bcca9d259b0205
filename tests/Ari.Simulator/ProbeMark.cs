namespace LeadDesk.Ari.Simulator;

/// <summary>The call whose StasisStart a websocket message carries, for <see cref="DecisionLatencyProbe"/>.</summary>
internal readonly record struct ProbeMark(string ChannelId, bool Outbound);
