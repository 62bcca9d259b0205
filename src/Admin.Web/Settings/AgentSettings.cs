namespace LeadDesk.Admin.Web.Settings;

/// <summary>The agent's Settings tab.</summary>
/// <param name="Choices">The not-reachable drop-down: <c>none</c> and <c>voicemail:ADDR</c> for each card address.</param>
/// <param name="Unreachable">The chosen entry of <see cref="Choices"/>.</param>
/// <param name="GreetingRecordedAt">When the own greeting was made; null while callers hear the default.</param>
/// <param name="Available">Logged in: calls ring the agent's phone ("Available for calls").</param>
public sealed record AgentSettings(
    string AgentId,
    string Name,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Choices,
    string Unreachable,
    DateTimeOffset? GreetingRecordedAt,
    bool Available);

/// <summary>"Available for calls": true logs the agent in, false out.</summary>
public sealed record AvailabilityRequest(bool Available);
