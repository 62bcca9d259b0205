namespace LeadDesk.Ari.Client;

/// <summary>
/// Settings bound from the "Ari" configuration section (environment: Ari__BaseUrl, Ari__Password, ...).
/// </summary>
public sealed class AriOptions
{
    public const string SectionName = "Ari";

    /// <summary>Asterisk's HTTP server, e.g. http://127.0.0.1:8088. The client appends /ari itself.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:8088";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The Stasis application name the dialplan hands calls to.</summary>
    public string Application { get; set; } = "leaddesk";

    /// <summary>Upper bound for every REST call; a stuck Asterisk must not stall a call's state machine.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most REST connections open to Asterisk at once. Asterisk refuses HTTP sessions past http.conf's
    /// <c>sessionlimit</c> (100 by default), and a burst of hang-ups would otherwise open one connection per
    /// concurrent request; requests past the bound wait for a free connection instead.
    /// </summary>
    public int MaxConnections { get; set; } = 48;

    /// <summary>An idle REST connection is closed after this long, so a burst's connections do not linger.</summary>
    public TimeSpan IdleConnectionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; later ones double (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that lasted this long counts as healthy: the next drop starts backoff from the beginning again.</summary>
    public TimeSpan ReconnectResetAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the websocket sends a PING to Asterisk.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the PONG before the connection is treated as dead (half-open).</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connect timeout for the websocket handshake.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    // Options objects end up in logs and debugger views; the password must not.
    public override string ToString() =>
        $"AriOptions {{ BaseUrl = {BaseUrl}, Username = {Username}, Password = ***, Application = {Application} }}";

    internal Uri RestBaseUri => new(BaseUrl.TrimEnd('/') + "/ari/", UriKind.Absolute);

    internal Uri EventsUri
    {
        get
        {
            var builder = new UriBuilder(BaseUrl.TrimEnd('/') + "/ari/events");
            builder.Scheme = builder.Scheme switch
            {
                "https" => "wss",
                "http" => "ws",
                var other => other,
            };
            builder.Query = "app=" + Uri.EscapeDataString(Application) + "&subscribeAll=false";
            return builder.Uri;
        }
    }

    internal string BasicAuthValue =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));
}
