using LeadDesk.Store;

namespace LeadDesk.Store.Tests;

/// <summary>
/// A test class that runs on both engines: each such class is abstract and has two nested classes, one per
/// engine, so every test shows up twice (<c>...+OnSqlite.Name</c>, <c>...+OnPostgres.Name</c>).
/// </summary>
public abstract class StoreTest(StoreProvider provider)
{
    protected StoreProvider Provider { get; } = provider;

    protected TempStore NewStore(TimeProvider? time = null) => new(Provider, time);
}
