using System.Diagnostics;

namespace PipedriveMaileon.Sandbox.Common;

/// <summary>
/// One webhook POST the way both emulated services judge it: the status the app answered, or why there was none (a
/// transport error, or their delivery timeout running out), and how long it took.
/// </summary>
public static class WebhookPost
{
    public static async Task<(int? Status, string? Error, TimeSpan Elapsed)> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        int timeoutSeconds,
        CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, null, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"timeout after {timeoutSeconds} s", Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException exception)
        {
            return (null, exception.HttpRequestError.ToString(), Stopwatch.GetElapsedTime(started));
        }
        catch (InvalidOperationException exception)
        {
            // e.g. a callback URL the client cannot send to.
            return (null, exception.GetType().Name, Stopwatch.GetElapsedTime(started));
        }
    }
}
