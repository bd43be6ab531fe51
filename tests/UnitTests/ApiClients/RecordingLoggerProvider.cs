using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PipedriveMaileon.UnitTests.ApiClients;

/// <summary>Keeps every log line written through it (category, level, message), for assertions on what an operator would see.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> lines = new();

    public IReadOnlyList<RecordedLog> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);

    public void Dispose()
    {
    }

    internal sealed record RecordedLog(string Category, LogLevel Level, string Message);

    private sealed class Recorder(string category, ConcurrentQueue<RecordedLog> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new RecordedLog(category, logLevel, formatter(state, exception)));
    }
}
