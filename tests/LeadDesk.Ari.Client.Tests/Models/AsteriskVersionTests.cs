using LeadDesk.Ari.Client.Models;

namespace LeadDesk.Ari.Client.Tests.Models;

public sealed class AsteriskVersionTests
{
    [Theory]
    [InlineData("22.10.1", true)]
    [InlineData("22.6.0", true)]
    [InlineData("22.5.0", false)]
    [InlineData("21.11.0", true)]
    [InlineData("21.10.2", false)]
    [InlineData("20.16.0", true)]
    [InlineData("20.15.2", false)]
    [InlineData("18.20.0", false)]
    [InlineData("23.0.0", true)]
    [InlineData("certified-20.7-cert3", false)]
    public void Progress_support_follows_the_backported_releases(string version, bool expected)
    {
        var parsed = AsteriskVersion.Parse(version);

        Assert.True(parsed.IsParsed);
        Assert.Equal(expected, parsed.SupportsProgress);
        Assert.Equal(expected, AriCapabilities.From(parsed).SupportsProgress);
        Assert.False(AriCapabilities.From(parsed).Assumed);
    }

    [Fact]
    public void Unparsable_git_build_is_assumed_to_support_progress_and_says_so()
    {
        var caps = AriCapabilities.From(AsteriskVersion.Parse("GIT-master-4f2a1b"));

        Assert.True(caps.SupportsProgress);
        Assert.True(caps.Assumed);
        Assert.Equal("GIT-master-4f2a1b", caps.Version.ToString());
    }

    [Fact]
    public void Parses_components()
    {
        Assert.Equal(new AsteriskVersion("22.10.1", 22, 10, 1, true), AsteriskVersion.Parse("22.10.1"));
    }
}
