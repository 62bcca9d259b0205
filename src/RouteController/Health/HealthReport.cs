using System.Text.Json.Serialization;

namespace LeadDesk.RouteController.Health;

/// <summary>
/// What /healthz and <c>leaddesk-admin status</c> say about a running controller. <c>acceptingCalls</c> is true
/// only while ARI is connected and the controller is not stopping: without ARI no call reaches it.
/// </summary>
public sealed record HealthReport(
    [property: JsonPropertyName("ariConnected")] bool AriConnected,
    [property: JsonPropertyName("connectedSince")] DateTimeOffset? ConnectedSince,
    [property: JsonPropertyName("activeCalls")] int ActiveCalls,
    [property: JsonPropertyName("lastError")] string? LastError,
    [property: JsonPropertyName("asteriskVersion")] string? AsteriskVersion,
    [property: JsonPropertyName("earlyMedia")] bool EarlyMedia,
    [property: JsonPropertyName("acceptingCalls")] bool AcceptingCalls,
    [property: JsonPropertyName("ariUrl")] string AriUrl,
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("voicemailPending")] int VoicemailPending,
    [property: JsonPropertyName("voicemailOldestSeconds")] double VoicemailOldestSeconds);
