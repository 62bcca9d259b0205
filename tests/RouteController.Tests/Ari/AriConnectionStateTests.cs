using LeadDesk.Ari.Client;
using LeadDesk.Ari.Client.EventStream;
using LeadDesk.RouteController.Ari;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RouteController.Tests.Support;

namespace RouteController.Tests.Ari;

/// <summary>
/// What the controller says of its Asterisk (/healthz, <c>leaddesk-admin status</c>): connected or not and why, what
/// the version can do, and credentials that work but are surely wrong.
/// </summary>
public sealed class AriConnectionStateTests
{
    [Fact]
    public async Task Connected_it_knows_since_when_and_what_the_version_can_do()
    {
        await using var controller = await RunningController.StartAsync(asteriskVersion: "22.10.1");
        var state = controller.Host.Services.GetRequiredService<AriConnectionState>();

        Assert.True(state.IsConnected);
        Assert.NotNull(state.ConnectedSince);
        Assert.Equal("22.10.1", state.Capabilities?.Version.ToString());
        Assert.True(state.CanProgress);
        Assert.Equal(controller.Sim.BaseUrl, state.BaseUrl);
    }

    [Fact]
    public async Task A_version_without_early_media_is_told_so()
    {
        await using var controller = await RunningController.StartAsync(asteriskVersion: "22.5.0");
        Assert.False(controller.Host.Services.GetRequiredService<AriConnectionState>().CanProgress);
    }

    [Fact]
    public async Task Disconnected_or_replaced_it_is_not_connected_and_says_why()
    {
        await using var controller = await RunningController.StartAsync();
        var state = controller.Host.Services.GetRequiredService<AriConnectionState>();

        state.OnDisconnected("websocket closed", new IOException("reset by peer"));
        Assert.False(state.IsConnected);
        Assert.Null(state.ConnectedSince);

        state.MarkReplaced();
        Assert.False(state.IsConnected);
        Assert.Equal("ApplicationReplaced: another process took the ARI application", state.LastError);
    }

    [Theory]
    [InlineData("", "Ari:Password is empty: set Ari__Password in the environment")]
    [InlineData(AriConnectionState.PlaceholderPassword, "Ari:Password is the placeholder from appsettings.json: set Ari__Password in the environment")]
    [InlineData("a real one", null)]
    public async Task A_password_that_cannot_be_right_is_a_warning(string password, string? warning)
    {
        await using var controller = await RunningController.StartAsync();
        var services = controller.Host.Services;
        var state = new AriConnectionState(
            services.GetRequiredService<AriClient>(),
            services.GetRequiredService<AriEventStream>(),
            new AriOptions { Password = password },
            TimeProvider.System,
            NullLogger<AriConnectionState>.Instance);

        if (warning is null)
        {
            Assert.Empty(state.Warnings);
        }
        else
        {
            Assert.Equal(warning, Assert.Single(state.Warnings));
        }
    }
}
