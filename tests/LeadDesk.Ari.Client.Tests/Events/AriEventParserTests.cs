using System.Text;
using LeadDesk.Ari.Client.Events;

namespace LeadDesk.Ari.Client.Tests.Events;

public sealed class AriEventParserTests
{
    [Fact]
    public void Unknown_type_is_passed_on_with_its_channel_as_dispatch_key()
    {
        const string json = """{"type":"ChannelHold","timestamp":"2026-11-23T20:08:35.301+0000","channel":{"id":"c-1"},"application":"leaddesk"}""";

        var e = Assert.IsType<UnknownAriEvent>(AriEventParser.Parse(json));

        Assert.Equal("ChannelHold", e.Type);
        Assert.Equal("c-1", e.ChannelId);
        Assert.Equal(json, e.RawJson);
    }

    [Fact]
    public void Unknown_type_without_channel_goes_to_the_global_lane()
    {
        var e = AriEventParser.Parse("""{"type":"ContactStatusChange","application":"leaddesk"}"""u8);

        Assert.IsType<UnknownAriEvent>(e);
        Assert.Null(e.ChannelId);
    }

    [Fact]
    public void A_device_state_change_names_the_device_and_says_whether_it_has_a_call()
    {
        var e = Assert.IsType<DeviceStateChanged>(AriEventParser.Parse(
            """{"type":"DeviceStateChanged","application":"leaddesk","timestamp":"2026-01-01T00:00:00.000+0000","device_state":{"name":"PJSIP/1001","state":"RINGING"}}"""u8));

        Assert.Equal("PJSIP/1001", e.DeviceState.Name);
        Assert.True(e.DeviceState.InUse);
        Assert.Null(e.ChannelId);
        Assert.False((e.DeviceState with { State = "NOT_INUSE" }).InUse);
        Assert.False((e.DeviceState with { State = "UNAVAILABLE" }).InUse);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"no_type":1}""")]
    [InlineData("""{"type":""}""")]
    [InlineData("""{"type":"ChannelDestroyed","cause":"sixteen"}""")]
    public void Malformed_messages_raise_a_parse_exception_carrying_the_payload(string json)
    {
        var ex = Assert.Throws<AriEventParseException>(() => AriEventParser.Parse(json));

        Assert.Equal(json, ex.Payload);
    }

    [Fact]
    public void Span_and_string_overloads_agree()
    {
        const string json = """{"type":"StasisEnd","channel":{"id":"c-9"},"application":"leaddesk","timestamp":"2026-11-23T20:08:38.310+0000"}""";

        var fromSpan = AriEventParser.Parse(Encoding.UTF8.GetBytes(json));
        var fromString = AriEventParser.Parse(json);

        Assert.Equal(fromString, fromSpan);
        Assert.Equal("c-9", Assert.IsType<StasisEnd>(fromSpan).ChannelId);
    }

    [Fact]
    public void Playback_on_a_bridge_has_no_channel()
    {
        var e = AriEventParser.Parse("""{"type":"PlaybackStarted","playback":{"id":"p","media_uri":"tone:ring","target_uri":"bridge:b-1","state":"playing"}}""");

        Assert.Null(e.ChannelId);
    }

    [Fact]
    public void Application_replaced_is_typed()
    {
        Assert.IsType<ApplicationReplaced>(AriEventParser.Parse("""{"type":"ApplicationReplaced","application":"leaddesk"}"""));
    }
}
