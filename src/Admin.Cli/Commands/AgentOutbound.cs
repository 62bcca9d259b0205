using LeadDesk.Store.Outbound;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>How <c>agents show</c> says which caller ID the agent's calls carry now, and why.</summary>
internal static class AgentOutbound
{
    public static string Describe(CallerIdDecision? decision) => decision is { Number: { } number }
        ? $"{number}{(decision.CallerName.Length > 0 ? $" \"{decision.CallerName}\"" : "")}: {decision.Why}"
        : "refused: " + (decision?.Why ?? "no such agent");

    public static object? ToJson(CallerIdDecision? decision) => decision is null ? null : new
    {
        number = decision.Number,
        callerName = decision.CallerName,
        source = decision.Source switch
        {
            CallerIdSource.Card => "card",
            CallerIdSource.Campaign => "campaign",
            CallerIdSource.Default => "default",
            _ => null,
        },
        refused = decision.Refused,
        why = decision.Why,
        skipped = decision.Skipped,
    };
}
