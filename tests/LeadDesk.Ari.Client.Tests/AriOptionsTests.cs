using LeadDesk.Ari.Client;

namespace LeadDesk.Ari.Client.Tests;

/// <summary>The reconnect cap: low for the controller's own loopback Asterisk, the long one for a remote server.</summary>
public class AriOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8088", 1)]
    [InlineData("http://localhost:8088", 1)]
    [InlineData("http://[::1]:8088", 1)]
    [InlineData("http://127.0.0.5:8088", 1)]
    [InlineData("http://192.0.2.21:8088", 30)]
    [InlineData("http://asterisk.example.net:8088", 30)]
    public void The_reconnect_backoff_is_capped_low_only_for_a_loopback_asterisk(string baseUrl, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new AriOptions { BaseUrl = baseUrl }.EffectiveReconnectMaxDelay);

    [Fact]
    public void A_site_that_caps_lower_than_the_loopback_cap_keeps_its_own() =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(200),
            new AriOptions { BaseUrl = "http://127.0.0.1:8088", ReconnectMaxDelay = TimeSpan.FromMilliseconds(200) }.EffectiveReconnectMaxDelay);

    [Fact]
    public void A_non_positive_loopback_cap_is_a_bad_setting()
    {
        var result = new AriOptionsValidator().Validate(null, new AriOptions { ReconnectLoopbackMaxDelay = TimeSpan.Zero });
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Ari:ReconnectLoopbackMaxDelay '00:00:00'", StringComparison.Ordinal));
    }
}
