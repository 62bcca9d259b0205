namespace LeadDesk.RouteController.Agents;

/// <summary>
/// The one place an agent's extension becomes something Asterisk dials (<c>Agents:DialString</c>), and the one place
/// it becomes the PJSIP endpoint this Asterisk keeps state for. The two are the same only for the default template.
/// </summary>
internal sealed class AgentDialString
{
    /// <summary>The default: the agent's PJSIP endpoint on this Asterisk.</summary>
    public const string LocalTemplate = "PJSIP/" + Placeholder;

    public const string Placeholder = "{extension}";

    private readonly string _template;

    /// <param name="options">Checked at start by <see cref="AgentsOptionsValidator"/>.</param>
    public AgentDialString(AgentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _template = options.DialString;
        RingsLocalEndpoint = string.Equals(_template, LocalTemplate, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether dialling the agent rings the endpoint this Asterisk has for the phone, so that Asterisk's view of that
    /// endpoint (unknown, on a call) is the phone's. False through a proxy: the phone registers elsewhere.
    /// </summary>
    public bool RingsLocalEndpoint { get; }

    /// <summary>What to originate for the agent with this extension: <c>PJSIP/1001</c>, <c>PJSIP/1001@proxy</c>.</summary>
    public string For(string extension) => _template.Replace(Placeholder, Checked(extension), StringComparison.Ordinal);

    /// <summary>The agent's PJSIP endpoint on this Asterisk, <c>PJSIP/1001</c>: whose state Asterisk reports, whatever is dialled.</summary>
    public static string LocalEndpoint(string extension) => "PJSIP/" + Checked(extension);

    /// <summary>Whether this is an extension as the store keeps them (digits, InputRules.Extension).</summary>
    public static bool IsExtension(string? value) => value is { Length: > 0 } && value.All(char.IsAsciiDigit);

    // Anything but digits could widen the dial string ('&', '/').
    private static string Checked(string extension) =>
        IsExtension(extension)
            ? extension
            : throw new ArgumentException($"An agent's extension is digits, not '{extension}'.", nameof(extension));
}
