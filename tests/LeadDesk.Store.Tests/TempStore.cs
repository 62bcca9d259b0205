using Microsoft.Data.Sqlite;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Tests;

/// <summary>A real SQLite file in its own temp directory, deleted afterwards.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore(TimeProvider? time = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "leaddesk-routing-tests", Guid.NewGuid().ToString("N"));
        Store = RoutingStore.Open(Path.Combine(Directory, "sub", "leaddesk.db"), time);
    }

    public string Directory { get; }

    public RoutingStore Store { get; }

    public PhoneNumberNormalizer Normalizer { get; } = new("FI");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
