namespace LeadDesk.Store;

/// <summary>The database engine behind <see cref="RoutingStore"/>.</summary>
public enum StoreProvider
{
    /// <summary>One SQLite file beside one Asterisk: the embedded default.</summary>
    Sqlite,

    /// <summary>One PostgreSQL database shared by several Asterisks, a controller beside each.</summary>
    Postgres,
}
