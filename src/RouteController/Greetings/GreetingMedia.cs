using System.Security.Cryptography;
using System.Text;
using LeadDesk.RouteController.Health;
using LeadDesk.RouteController.Voicemail;
using LeadDesk.Store.Agents;

namespace LeadDesk.RouteController.Greetings;

/// <summary>
/// What a voicemail caller (or the agent at <c>*97</c>) hears as the agent's greeting, decided from the database
/// before anything is played: the agent's own greeting, served to Asterisk over loopback HTTP from the database,
/// or the default prompt. Asterisk never plays a greeting it does not have (a stored recording missing on a rebuilt
/// box plays nothing and never reports finished), so the caller never waits in silence for one.
/// </summary>
/// <remarks>
/// Each version of a greeting has its own URL (a hash of the agent and when it was recorded): Asterisk's media
/// cache keeps what it fetched, and a new greeting must never be answered with the old copy. The hash also makes
/// the URL longer than Asterisk's cache file name (<c>bucket-XXXXXX</c>), which short URLs fail on (Asterisk issue 444).
/// </remarks>
internal sealed class GreetingMedia(AgentGreetings greetings, GreetingOptions options, HealthOptions health, VoicemailOptions voicemail)
{
    /// <summary>The path prefix the health listener serves greetings under.</summary>
    public const string PathPrefix = "/media/greetings/";

    private readonly string? _base = BaseUrl(options.MediaUrl, health.Url);

    /// <summary>Whether greetings are served over HTTP (else played as Asterisk stored recordings).</summary>
    public bool Served => _base is not null;

    /// <summary>The media to play for the agent's greeting: theirs if the database has one, else the default prompt.</summary>
    public async Task<string> ForAgentAsync(string agentId, CancellationToken ct)
    {
        var recordedAt = await greetings.GetRecordedAtAsync(agentId, ct).ConfigureAwait(false);
        if (recordedAt is not { } version)
        {
            return voicemail.DefaultGreeting;
        }

        return _base is { } baseUrl
            ? $"sound:{baseUrl}{PathPrefix.TrimStart('/')}{Uri.EscapeDataString(agentId)}/{Version(agentId, version)}.wav"
            : "recording:" + AgentGreetings.RecordingNameFor(agentId);
    }

    /// <summary>The WAV for <c>/media/greetings/AGENT/VERSION.wav</c>, or null when that version is not the agent's current one.</summary>
    public async Task<byte[]?> ServeAsync(string path, CancellationToken ct)
    {
        if (!path.StartsWith(PathPrefix, StringComparison.Ordinal) || !path.EndsWith(".wav", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = path[PathPrefix.Length..^".wav".Length].Split('/');
        if (parts is not [var agentId, var version] || agentId.Length == 0)
        {
            return null;
        }

        agentId = Uri.UnescapeDataString(agentId);
        var greeting = await greetings.FindAsync(agentId, ct).ConfigureAwait(false);
        return greeting is not null && Version(greeting.AgentId, greeting.RecordedAt) == version ? greeting.Wav : null;
    }

    private static string Version(string agentId, DateTimeOffset recordedAt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{agentId.ToLowerInvariant()}\n{recordedAt.UtcTicks}")));

    private static string? BaseUrl(string mediaUrl, string healthUrl)
    {
        var url = !string.IsNullOrWhiteSpace(mediaUrl) ? mediaUrl : healthUrl;
        return string.IsNullOrWhiteSpace(url) ? null : url.EndsWith('/') ? url : url + "/";
    }
}
