using System.Collections.Concurrent;
using LeadDesk.RouteController.CallLog;
using LeadDesk.Store;
using LeadDesk.Store.CallLog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RouteController.Tests.Support;

namespace RouteController.Tests.CallLog;

/// <summary>The call log's one writer against a real SQLite file: what admins later read with <c>calls</c>.</summary>
public sealed class CallLogWriterTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DbPath => _db.Path;

    private CallLogStore Log() => new(RoutingStore.Open(DbPath));

    private static CallLogWrite.Start Start(int i) =>
        new($"1795464539.{i}", DateTimeOffset.UtcNow, "+358401234567", "+358451112233", "Carrier caller");

    private static CallLogWrite.Complete Answered(long id) =>
        new(id, CallOutcome.Answered, new CallCompletion(DateTimeOffset.UtcNow, RouteType: "agent", AgentId: "alice", AnsweredAt: DateTimeOffset.UtcNow));

    [Fact]
    public async Task The_rows_of_many_calls_at_once_are_all_committed_each_with_its_own_id()
    {
        using var writer = new CallLogWriter(Log(), new WarningLog<CallLogWriter>());
        await writer.StartAsync(Ct);

        const int calls = 500;
        var ids = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => writer.WriteAsync(Start(i))));
        await Task.WhenAll(ids.Select(id => writer.WriteAsync(Answered(id))));
        await writer.StopAsync(Ct);

        Assert.Equal(calls, ids.Distinct().Count());
        var rows = await Log().ListAsync(calls * 2, Ct);
        Assert.Equal(calls, rows.Count);
        Assert.All(rows, r => Assert.Equal(CallOutcome.Answered, r.Outcome));
        Assert.Equal(Enumerable.Range(0, calls).Select(i => $"1795464539.{i}").Order(), rows.Select(r => r.ChannelId).Order());
    }

    [Fact]
    public async Task A_database_locked_by_another_process_is_waited_for_and_the_row_is_written_once_it_is_free()
    {
        var log = Log();
        var warnings = new WarningLog<CallLogWriter>();
        using var writer = new CallLogWriter(log, warnings);
        await writer.StartAsync(Ct);
        await writer.WriteAsync(Start(0)); // the store exists and is migrated before the lock is taken

        // The CLI (or anyone) holding SQLite's write lock, longer than the store's busy timeout.
        var locker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        await locker.OpenAsync(Ct);
        await using (var hold = locker.CreateCommand())
        {
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync(Ct);
        }

        var write = writer.WriteAsync(Start(1));
        await WaitUntilAsync(() => warnings.Messages.Any(m => m.Contains("locked", StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
        Assert.False(write.IsCompleted);
        await using (var release = locker.CreateCommand())
        {
            release.CommandText = "ROLLBACK";
            await release.ExecuteNonQueryAsync(Ct);
        }

        await locker.DisposeAsync();
        var id = await write.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await writer.StopAsync(Ct);

        Assert.Contains(await log.ListAsync(10, Ct), r => r.Id == id && r.ChannelId == "1795464539.1");
    }

    [Fact]
    public async Task Rows_still_queued_at_stop_are_written_before_the_writer_ends()
    {
        var log = Log();
        using var writer = new CallLogWriter(log, new WarningLog<CallLogWriter>());
        await writer.StartAsync(Ct);

        var writes = Enumerable.Range(0, 200).Select(i => writer.WriteAsync(Start(i))).ToList();
        await writer.StopAsync(Ct);

        Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully));
        Assert.Equal(200, (await log.ListAsync(1000, Ct)).Count);
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan within) =>
        Poll.UntilAsync(condition, within, "the writer reporting the locked database", Ct);

    public void Dispose() => _db.Dispose();

    /// <summary>Keeps the warnings the writer logs: its report of a locked database is the signal to release it.</summary>
    private sealed class WarningLog<T> : ILogger<T>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Messages.Enqueue(formatter(state, exception));
            }
        }
    }
}
