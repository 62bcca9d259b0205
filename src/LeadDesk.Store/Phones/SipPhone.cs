namespace LeadDesk.Store.Phones;

/// <summary>An agent phone that may register with the site's SIP proxy.</summary>
/// <param name="Extension">The SIP user name: the agent's extension.</param>
/// <param name="Realm">The digest realm its credentials were made for (the proxy's AUTH_REALM).</param>
/// <param name="UpdatedAt">When its password was last set.</param>
public sealed record SipPhone(string Extension, string Realm, DateTimeOffset UpdatedAt);
