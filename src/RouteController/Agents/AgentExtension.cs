namespace LeadDesk.RouteController.Agents;

/// <summary>Who an agent's call comes from: outbound and greeting calls know the agent by their phone's extension.</summary>
internal static class AgentExtension
{
    /// <summary>
    /// The extension of an agent's phone from its channel name: <c>PJSIP/1001-0000001f</c> is <c>1001</c>. Null for
    /// anything that is not a PJSIP channel of a digits-only endpoint (a trunk, a Local channel).
    /// </summary>
    public static string? FromChannelName(string channelName)
    {
        const string Prefix = "PJSIP/";
        if (!channelName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = channelName.LastIndexOf('-');
        var extension = end > Prefix.Length ? channelName[Prefix.Length..end] : "";
        return extension.Length is > 0 and <= 20 && extension.All(char.IsAsciiDigit) ? extension : null;
    }
}
