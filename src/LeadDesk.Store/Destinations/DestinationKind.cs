namespace LeadDesk.Store.Destinations;

/// <summary>What a support-made custom destination points at.</summary>
public enum DestinationKind
{
    /// <summary>A dialplan target (context, extension, priority): the call leaves Stasis for it.</summary>
    Dialplan,

    /// <summary>Another endpoint (<c>PJSIP/2001</c>) the controller rings and bridges.</summary>
    Endpoint,

    /// <summary>An external number dialled out through <c>Routing:OutboundTrunk</c>.</summary>
    Number,
}
