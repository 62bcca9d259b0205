using System.Globalization;

namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>
/// One Asterisk of a site behind the SIP proxy, configured as docs/multi-asterisk.md says: asterisk-config/ with
/// asterisk-config/proxy-site/ copied over it, its own <c>systemname</c>, and only the addresses the shipped files
/// mark CHANGE rewritten to loopback: its transport, Kamailio's address (the <c>proxy</c> aor and the
/// <c>kamailio-only</c> acl) and the carrier trunk's.
/// </summary>
internal sealed class ProxySiteAsterisk(string systemName, int kamailioPort) : AsteriskFixture
{
    protected override string? SystemName => systemName;

    /// <summary>The dispatcher list's URI for this Asterisk.</summary>
    public string SipUri => $"sip:127.0.0.1:{SipPort.ToString(CultureInfo.InvariantCulture)}";

    public string Name => systemName;

    protected override void CopySiteConfig(string etc)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoConfig.Directory, "proxy-site"), "*.conf"))
        {
            File.Copy(file, Path.Combine(etc, Path.GetFileName(file)), overwrite: true);
        }
    }

    protected override void RewriteSipConfig(string etc)
    {
        var kamailio = $"127.0.0.1:{kamailioPort.ToString(CultureInfo.InvariantCulture)}";
        Rewrite(etc, "pjsip.conf", s => s.Replace("bind = 0.0.0.0:5060", $"bind = 127.0.0.1:{SipPort}", StringComparison.Ordinal));
        Rewrite(etc, "pjsip.conf", s => s.Replace("contact = sip:192.0.2.10:5060", $"contact = sip:{kamailio}", StringComparison.Ordinal));
        Rewrite(etc, "pjsip.conf", s => s.Replace("contact = sip:198.51.100.10:5060", $"contact = sip:{CarrierAddress}:{CarrierSipPort}", StringComparison.Ordinal));
        Rewrite(etc, "acl.conf", s => s.Replace("permit = 192.0.2.10", "permit = 127.0.0.1", StringComparison.Ordinal));
    }
}
