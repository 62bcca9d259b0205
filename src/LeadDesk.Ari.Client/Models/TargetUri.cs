namespace LeadDesk.Ari.Client.Models;

/// <summary>Playbacks and recordings name their target as "channel:ID" or "bridge:ID"; this reads the channel out.</summary>
internal static class TargetUri
{
    private const string ChannelPrefix = "channel:";

    public static string? ChannelIdOf(string? targetUri) =>
        targetUri is not null && targetUri.StartsWith(ChannelPrefix, StringComparison.Ordinal) && targetUri.Length > ChannelPrefix.Length
            ? targetUri[ChannelPrefix.Length..]
            : null;
}
