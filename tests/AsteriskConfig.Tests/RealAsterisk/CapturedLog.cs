using System.Text;
using Microsoft.Extensions.Logging;

namespace AsteriskConfig.Tests.RealAsterisk;

/// <summary>
/// The in-process controller's log, kept in memory so a failing call test can show what the controller decided
/// (the console would interleave it with every other test's output). Scopes are kept because the call id is in one.
/// </summary>
internal sealed class CapturedLog : ILoggerProvider
{
    private readonly StringBuilder _text = new();
    private readonly AsyncLocal<Scope?> _scope = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public override string ToString()
    {
        lock (_text) return _text.ToString();
    }

    public void Dispose()
    {
    }

    private void Append(string line)
    {
        lock (_text) _text.AppendLine(line);
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
            var scope = owner._scope.Value is { } s ? $" [{s}]" : "";
            var error = exception is null ? "" : $" {exception.GetType().Name}: {exception.Message}";
            owner.Append($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}{scope}: {formatter(state, exception)}{error}");
        }
    }

    private sealed class Scope(AsyncLocal<Scope?> holder, Scope? parent, string text) : IDisposable
    {
        public override string ToString() => parent is null ? text : $"{parent} > {text}";

        public void Dispose() => holder.Value = parent;
    }
}
