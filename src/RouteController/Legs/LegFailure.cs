namespace LeadDesk.RouteController.Legs;

/// <summary>What became of a leg we originated towards an agent's phone before anyone answered.</summary>
public enum LegFailure
{
    /// <summary>486 Busy Here (cause 17).</summary>
    Busy,

    /// <summary>Rang until the timeout (cause 19 / 480).</summary>
    NoAnswer,

    /// <summary>No SIP answer at all, no contact registered, or absent (18 / 20 / 408 / "Allocation failed").</summary>
    Unreachable,

    /// <summary>The agent declined (cause 21, 603).</summary>
    Rejected,

    /// <summary>Anything else: the network or Asterisk failed the leg.</summary>
    Failed,
}
