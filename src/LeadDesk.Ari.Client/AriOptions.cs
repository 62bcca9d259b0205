namespace LeadDesk.Ari.Client;

/// <summary>
/// Settings bound from the "Ari" configuration section (environment: Ari__BaseUrl, Ari__Password, ...).
/// </summary>
public sealed class AriOptions
{
    public const string SectionName = "Ari";

    /// <summary>Asterisk's HTTP server, e.g. http://127.0.0.1:8088. The client appends /ari itself.</summary>
    /// <value>Default: <c>http://127.0.0.1:8088</c>.</value>
    public string BaseUrl { get; set; } = "http://127.0.0.1:8088";

    /// <summary>The ARI user of <c>ari.conf</c> (asterisk-config/ ships <c>leaddesk</c>).</summary>
    /// <value>Default: <c>leaddesk</c>.</value>
    public string Username { get; set; } = "leaddesk";

    /// <value>Default: <c>empty</c>.</value>
    public string Password { get; set; } = "";

    /// <summary>The Stasis application name the dialplan hands calls to.</summary>
    /// <value>Default: <c>leaddesk</c>.</value>
    public string Application { get; set; } = "leaddesk";

    /// <summary>Upper bound for every REST call; a stuck Asterisk must not stall a call's state machine.</summary>
    /// <value>Default: <c>5 s</c>.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most REST connections open to Asterisk at once. Asterisk refuses HTTP sessions past http.conf's
    /// <c>sessionlimit</c> (100 by default), and a burst of hang-ups would otherwise open one connection per
    /// concurrent request; requests past the bound wait for a free connection instead.
    /// </summary>
    /// <value>Default: <c>48</c>.</value>
    public int MaxConnections { get; set; } = 48;

    /// <summary>An idle REST connection is closed after this long, so a burst's connections do not linger.</summary>
    /// <value>Default: <c>30 s</c>.</value>
    public TimeSpan IdleConnectionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; later ones double (with jitter) up to <see cref="ReconnectMaxDelay"/>.</summary>
    /// <value>Default: <c>500 ms</c>.</value>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <value>Default: <c>30 s</c>.</value>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest reconnect delay when <see cref="BaseUrl"/> is a loopback address: the controller's own Asterisk on
    /// the same host, which after a restart is back within seconds and is sent calls by the SIP proxy at once. The
    /// backoff protects a remote server from a crowd of clients; a loopback Asterisk has one, so waiting longer than
    /// this only leaves calls without a controller.
    /// </summary>
    /// <value>Default: <c>1 s</c>.</value>
    public TimeSpan ReconnectLoopbackMaxDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The reconnect delay's cap in force: <see cref="ReconnectLoopbackMaxDelay"/> for a loopback Asterisk (if lower), else <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan EffectiveReconnectMaxDelay =>
        IsLoopback && ReconnectLoopbackMaxDelay < ReconnectMaxDelay ? ReconnectLoopbackMaxDelay : ReconnectMaxDelay;

    private bool IsLoopback =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address)));

    /// <summary>A connection that lasted this long counts as healthy: the next drop starts backoff from the beginning again.</summary>
    /// <value>Default: <c>10 s</c>.</value>
    public TimeSpan ReconnectResetAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the websocket sends a PING to Asterisk.</summary>
    /// <value>Default: <c>5 s</c>.</value>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for the PONG before the connection is treated as dead (half-open).</summary>
    /// <value>Default: <c>5 s</c>.</value>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connect timeout for the websocket handshake.</summary>
    /// <value>Default: <c>10 s</c>.</value>
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
