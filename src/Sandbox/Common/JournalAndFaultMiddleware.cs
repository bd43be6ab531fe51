using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>
/// Records every emulated API request with its body and answer status, and applies injected faults before the
/// emulator sees the request.
/// </summary>
public sealed class JournalAndFaultMiddleware(
    RequestDelegate next,
    RequestJournal journal,
    FaultInjector faults,
    IEnumerable<IEmulatorErrorFormat> errorFormats,
    TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!EmulatorRouting.IsEmulatedApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        var emulator = EmulatorRouting.Classify(context.Request.Path);
        var started = Stopwatch.GetTimestamp();
        var receivedAt = time.GetUtcNow();
        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        context.Request.Body.Position = 0;
        var sequence = journal.NextSequence();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        try
        {
            var rule = faults.Match(emulator, context.Request.Method, context.Request.Path.Value ?? "/");
            if (rule is not null)
            {
                if (rule.LatencyMs > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(rule.LatencyMs), time, context.RequestAborted);
                }

                if (rule.DropConnection)
                {
                    context.Features.Get<IHttpResponseFeature>()!.StatusCode = 0;
                    context.Abort();
                    return;
                }

                if (rule.Headers is not null)
                {
                    foreach (var (name, value) in rule.Headers)
                    {
                        context.Response.Headers[name] = value;
                    }
                }

                if (rule.Status is { } status)
                {
                    if (rule.RetryAfterSeconds is { } retryAfter)
                    {
                        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                    }

                    if (rule.Body is not null)
                    {
                        context.Response.StatusCode = status;
                        context.Response.ContentType = rule.ContentType ?? "text/plain";
                        await context.Response.WriteAsync(rule.Body, context.RequestAborted);
                    }
                    else
                    {
                        var format = errorFormats.FirstOrDefault(f => f.Emulator == emulator);
                        if (format is null)
                        {
                            context.Response.StatusCode = status;
                        }
                        else
                        {
                            await format.WriteAsync(context, status, "Injected fault");
                        }
                    }

                    return;
                }
            }

            await next(context);
        }
        finally
        {
            journal.Add(new RecordedRequest(
                sequence,
                emulator,
                receivedAt,
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? string.Empty,
                headers,
                body,
                context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }
}
