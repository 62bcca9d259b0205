namespace LeadDesk.Ari.Client.Tests.Support;

/// <summary>Small hand-written ARI events for stream tests, shaped like the transcripts.</summary>
internal static class Ev
{
    public static string Dtmf(string channelId, string digit) =>
        $$"""{"type":"ChannelDtmfReceived","timestamp":"2026-11-23T20:09:42.562+0000","digit":"{{digit}}","duration_ms":100,"channel":{"id":"{{channelId}}","name":"PJSIP/x","state":"Up","caller":{"name":"","number":""},"connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"c","exten":"s","priority":1},"creationtime":"2026-11-23T20:09:34.911+0000","language":"en"},"asterisk_id":"02:fc:00:00:00:01","application":"leaddesk"}""";
}
