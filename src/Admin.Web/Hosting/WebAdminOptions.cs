namespace LeadDesk.Admin.Web.Hosting;

/// <summary>
/// Section <c>WebAdmin</c>: sign-in limits, sessions, the proxies in front, and the audio converter. Checked at start
/// by <see cref="WebAdminOptionsValidator"/>: a bad value stops the web admin with one line and exit 78.
/// </summary>
public sealed class WebAdminOptions
{
    public const string Section = "WebAdmin";

    /// <summary>Sign-in attempts one client address may make per <see cref="SignInWindow"/>; more get 429.</summary>
    /// <value>Default: 10 (1 to 10,000).</value>
    public int SignInPermits { get; set; } = 10;

    /// <summary>The window of <see cref="SignInPermits"/>.</summary>
    /// <value>Default: 1 minute.</value>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins in a row for one name from one client address that lock that (name, address) pair.</summary>
    /// <value>Default: 5 (1 to 1,000).</value>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long the first lock of a (name, address) pair lasts; it always ends by itself.</summary>
    /// <value>Default: 5 minutes.</value>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Each further lock of the same pair lasts twice as long as the one before, up to this.</summary>
    /// <value>Default: 1 hour (at least <see cref="LockoutDuration"/>).</value>
    public TimeSpan LockoutMaxDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a signed-in session lasts without use.</summary>
    /// <value>Default: 8 hours.</value>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> count: addresses or networks
    /// (<c>10.0.0.5</c>, <c>10.0.0.0/24</c>), separated by <c>;</c> or <c>,</c>. From anyone else those headers are
    /// ignored, so a client cannot choose the address its sign-ins are counted against.
    /// </summary>
    /// <value>Default: empty (no proxy; the connection's address is the client's).</value>
    public string KnownProxies { get; set; } = "";

    /// <summary>The ffmpeg binary that turns uploads into 8 kHz 16-bit mono WAV.</summary>
    /// <value>Default: <c>ffmpeg</c> on PATH.</value>
    public string Ffmpeg { get; set; } = "ffmpeg";

    /// <summary>
    /// The route controller's HTTP side (its <c>Health:Url</c>): the Status page reads <c>{ControllerUrl}healthz</c>, and on
    /// a SQLite site the Agents tab reads who is on a call from <c>{ControllerUrl}claims</c> (the claims live only in
    /// that controller's memory). Unreachable: the pages say so.
    /// </summary>
    /// <value>Default: <c>http://127.0.0.1:8090/</c> (an absolute http or https URL).</value>
    public string ControllerUrl { get; set; } = "http://127.0.0.1:8090/";

    /// <summary><see cref="ControllerUrl"/> as a base URI (ending in <c>/</c>, so relative paths land under it).</summary>
    public Uri ControllerUri => new(ControllerUrl.EndsWith('/') ? ControllerUrl : ControllerUrl + "/");

    /// <summary>The hosts the web admin answers when <c>AllowedHosts</c> (ASP.NET Core's own key, outside this section) is unset; any other <c>Host</c> header gets 400.</summary>
    public const string DefaultAllowedHosts = "localhost;127.0.0.1;[::1]";

    /// <summary><see cref="KnownProxies"/> as addresses and networks; entries that do not parse are skipped (the validator refuses them at start).</summary>
    public IReadOnlyList<System.Net.IPNetwork> ProxyNetworks() =>
        Split(KnownProxies).Select(ParseNetwork).OfType<System.Net.IPNetwork>().ToList();

    internal static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static System.Net.IPNetwork? ParseNetwork(string entry)
    {
        if (System.Net.IPAddress.TryParse(entry, out var address))
        {
            return new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        return System.Net.IPNetwork.TryParse(entry, out var network) ? network : null;
    }
}
