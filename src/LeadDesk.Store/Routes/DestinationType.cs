using LeadDesk.Store.Agents;
namespace LeadDesk.Store.Routes;

/// <summary>The four destination types of an inbound number, as the help-centre article names them.</summary>
public enum DestinationType
{
    /// <summary>Free: callers hear the disconnected tone (token <c>unassigned</c>).</summary>
    Unassigned,

    /// <summary>Straight to one agent (2-way VoIP).</summary>
    Agent,

    /// <summary>Feeds an Asterisk queue; shown greyed out, cannot be given to an agent.</summary>
    Queue,

    /// <summary>A support-made special destination.</summary>
    Custom,
}

/// <summary>The tokens stored in <c>inbound_numbers.destination_type</c> and used by the CLI.</summary>
public static class DestinationTypes
{
    public static string ToToken(this DestinationType type) => type switch
    {
        DestinationType.Agent => "agent",
        DestinationType.Queue => "queue",
        DestinationType.Custom => "custom",
        _ => "unassigned",
    };

    public static bool TryParse(string? token, out DestinationType type)
    {
        switch (token)
        {
            case "agent": type = DestinationType.Agent; return true;
            case "queue": type = DestinationType.Queue; return true;
            case "custom": type = DestinationType.Custom; return true;
            case "unassigned": type = DestinationType.Unassigned; return true;
            default: type = DestinationType.Unassigned; return false;
        }
    }

    public static DestinationType Parse(string token) =>
        TryParse(token, out var type) ? type : throw new FormatException($"'{token}' is not a destination type.");
}
