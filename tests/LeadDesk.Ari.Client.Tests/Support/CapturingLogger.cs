using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Ari.Client.Tests.Support;

/// <summary>Keeps every formatted log line (with exception text and structured values) so tests can assert on them.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        Entries.Enqueue((logLevel, $"{formatter(state, exception)} | {values} | {exception}"));
    }

    public string AllText => string.Join("\n", Entries.Select(e => e.Text));

    public int Count(LogLevel level, string contains) =>
        Entries.Count(e => e.Level == level && e.Text.Contains(contains, StringComparison.OrdinalIgnoreCase));
}
