using LeadDesk.Ari.Client.EventStream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadDesk.Ari.Client.Tests.DependencyInjection;

public sealed class AriServiceCollectionExtensionsTests
{
    [Fact]
    public void Binds_the_Ari_section_and_resolves_client_and_stream()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ari:BaseUrl"] = "http://10.0.0.5:8088",
            ["Ari:Username"] = "controller",
            ["Ari:Password"] = "pw",
            ["Ari:RequestTimeout"] = "00:00:02",
        }).Build();

        using var provider = new ServiceCollection().AddLogging().AddAriClient(config).BuildServiceProvider();

        var options = provider.GetRequiredService<AriOptions>();
        Assert.Equal("http://10.0.0.5:8088", options.BaseUrl);
        Assert.Equal("controller", options.Username);
        Assert.Equal("leaddesk", options.Application);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestTimeout);
        Assert.NotNull(provider.GetRequiredService<AriClient>().Channels);
        Assert.Same(provider.GetRequiredService<AriEventStream>(), provider.GetRequiredService<AriEventStream>());
        Assert.Equal(new Uri("ws://10.0.0.5:8088/ari/events?app=leaddesk&subscribeAll=false"), options.EventsUri);
    }
}
