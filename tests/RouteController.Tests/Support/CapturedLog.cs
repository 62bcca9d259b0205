using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RouteController.Tests.Support;

/// <summary>
/// The in-process controller's log lines in memory, each with the scopes it was written in (a call's lines carry the
/// call's scope: "Call {CallId} to ... from ..."), for tests that check what an operator reads.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly AsyncLocal<Scope?> _scope = new();

    /// <summary>One line: its level, category, rendered message, and the scopes around it, outermost first.</summary>
    public sealed record Entry(LogLevel Level, string Category, string Message, IReadOnlyList<string> Scopes);

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog owner, string category) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            var scope = new Scope(owner._scope, owner._scope.Value, state.ToString() ?? "");
            owner._scope.Value = scope;
            return scope;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            for (var s = owner._scope.Value; s is not null; s = s.Parent)
            {
                scopes.Insert(0, s.Text);
            }

            owner._entries.Enqueue(new Entry(logLevel, category, formatter(state, exception), scopes));
        }
    }

    private sealed class Scope(AsyncLocal<Scope?> holder, Scope? parent, string text) : IDisposable
    {
        public Scope? Parent => parent;

        public string Text => text;

        public void Dispose() => holder.Value = parent;
    }
}
