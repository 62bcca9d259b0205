namespace LeadDesk.Ari.Client.Models;

/// <summary>The bytes of a stored recording as Asterisk served them (audio/wav for wav recordings; not JSON).</summary>
public sealed record RecordingFile(byte[] Content, string ContentType);
