namespace AsteriskConfig.Tests.RealAsterisk.ProxySite;

/// <summary>
/// kamailio/kamailio.cfg is loadable as committed: <c>kamailio -c</c> accepts it with its <c>#!trydef</c> defaults and no
/// leaddesk-site.cfg beside it (the optional import). The same file with a site's values runs the whole site in
/// <see cref="ProxySiteTests"/>. Skipped, naming why, without kamailio or its PostgreSQL module.
/// </summary>
public class KamailioConfigTests
{
    [Fact]
    public async Task Kamailio_accepts_the_shipped_config_as_committed()
    {
        var kamailio = KamailioProcess.FindBinary();
        if (kamailio is null)
        {
            Assert.Skip("kamailio not found (set KAMAILIO_BIN or install Debian's kamailio and kamailio-postgres-modules)");
        }

        var copy = KamailioProcess.Render(AsteriskFixture.FreeUdpPort(), [], []);
        await using (copy)
        {
            // Only the committed file: no leaddesk-site.cfg, no dispatcher list.
            File.Delete(Path.Combine(copy.Directory, "leaddesk-site.cfg"));
            var (code, text) = await copy.CheckAsync(kamailio);
            if (code != 0 && text.Contains("could not find module", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Skip($"kamailio cannot load a module kamailio.cfg needs (Debian: kamailio-postgres-modules): {text}");
            }

            Assert.True(code == 0, $"kamailio -c -f kamailio/kamailio.cfg exited {code}:{Environment.NewLine}{text}");
        }
    }
}
