using LeadDesk.Store;
using LeadDesk.Store.Validation;
namespace LeadDesk.Store.Agents;

/// <summary>
/// Where a logged-out agent's calls go: nowhere (the disconnected tone) or voicemail mailed to one of the
/// agent's own addresses.
/// </summary>
public abstract record UnreachableDestination
{
    private UnreachableDestination()
    {
    }

    public static UnreachableDestination None { get; } = new NoDestination();

    /// <summary>The CLI form: <c>none</c> or <c>voicemail:ADDR</c>.</summary>
    public abstract string Token { get; }

    public static UnreachableDestination VoicemailTo(string email) => new Voicemail(InputRules.Email(email));

    /// <summary>Parses the CLI form; refuses anything else.</summary>
    public static UnreachableDestination Parse(string? token)
    {
        var t = token?.Trim();
        if (string.Equals(t, "none", StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }

        const string prefix = "voicemail:";
        if (t is not null && t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return VoicemailTo(t[prefix.Length..]);
        }

        throw new RoutingRefusedException(
            $"{InputRules.Describe(token ?? string.Empty)} is not a not-reachable destination: use 'none' or 'voicemail:ADDRESS'.");
    }

    public sealed record NoDestination : UnreachableDestination
    {
        public override string Token => "none";
    }

    public sealed record Voicemail(string Email) : UnreachableDestination
    {
        public override string Token => "voicemail:" + Email;
    }
}
