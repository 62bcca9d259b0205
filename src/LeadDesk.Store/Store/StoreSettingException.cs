namespace LeadDesk.Store;

/// <summary>The database settings cannot be used (an unknown provider, a missing or unreadable connection string).</summary>
public sealed class StoreSettingException(string message) : ArgumentException(message);
