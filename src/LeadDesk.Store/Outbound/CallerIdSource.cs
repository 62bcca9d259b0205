namespace LeadDesk.Store.Outbound;

/// <summary>Where the caller ID an agent presents came from, in the order they are tried.</summary>
public enum CallerIdSource
{
    /// <summary>The agent's own outbound caller ID on their information card (<c>--outbound-cid</c>).</summary>
    Card,

    /// <summary>The caller ID of the agent's campaign.</summary>
    Campaign,

    /// <summary>The company default (<c>outbound set --default-caller-id</c>).</summary>
    Default,
}
