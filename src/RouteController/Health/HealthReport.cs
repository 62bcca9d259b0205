using System.Text.Json.Serialization;

namespace LeadDesk.RouteController.Health;

/// <summary>What /healthz and <c>leaddesk-admin status</c> say about a running controller.</summary>
public sealed record HealthReport(
    [property: JsonPropertyName("ariConnected")] bool AriConnected,
    [property: JsonPropertyName("connectedSince")] DateTimeOffset? ConnectedSince,
    [property: JsonPropertyName("activeCalls")] int ActiveCalls,
    [property: JsonPropertyName("lastError")] string? LastError,
    [property: JsonPropertyName("asteriskVersion")] string? AsteriskVersion,
    [property: JsonPropertyName("earlyMedia")] bool EarlyMedia,
    [property: JsonPropertyName("acceptingCalls")] bool AcceptingCalls);
