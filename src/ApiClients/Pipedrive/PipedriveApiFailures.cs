using System.Text.Json;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Resilience;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// A failed Pipedrive answer as a <see cref="PipedriveApiException"/>: its kind from the status, the human part of the
/// error envelope with secrets scrubbed, and how long to wait before the next try.
/// </summary>
internal static class PipedriveApiFailures
{
    public static async Task<PipedriveApiException> FailureAsync(
        string operation,
        HttpResponseMessage response,
        PipedriveRateLimit rateLimit,
        CancellationToken cancellationToken,
        params string?[] secrets)
    {
        var status = (int)response.StatusCode;
        var kind = HttpStatusRules.Classify(status);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = SecretScrubber.Scrub(ErrorText(text), secrets);

        // Pipedrive's guidance for a burst 429: wait max(Retry-After, x-ratelimit-reset, 2 s). A spent daily
        // budget only resets at midnight, so no short wait is offered for it.
        TimeSpan? retryAfter = kind == ApiFailureKind.RateLimited && !rateLimit.DailyBudgetExhausted
            ? RetryHint.Max(RetryHint.Max(rateLimit.RetryAfter, rateLimit.BurstResetsIn), PipedriveRetryHints.MinimumBurstWait)
            : rateLimit.RetryAfter;
        return new PipedriveApiException(operation, kind, status, message, retryAfter, rateLimit);
    }

    /// <summary>The human part of Pipedrive's error envelopes: <c>error</c>, <c>error_info</c>, <c>message</c>, <c>errors</c>.</summary>
    private static string? ErrorText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var parts = new List<string>();
            foreach (var name in new[] { "error", "message", "error_info" })
            {
                if (JsonValues.String(root, name) is { Length: > 0 } part)
                {
                    parts.Add(part);
                }
            }

            if (JsonValues.Property(root, "errors") is { ValueKind: JsonValueKind.Object } errors)
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {FlattenErrorValue(e.Value)}"));
            }

            return parts.Count > 0 ? string.Join("; ", parts) : null;
        }
        catch (JsonException)
        {
            // Cloudflare and proxies answer with HTML; its first characters are enough to recognise it.
            return body;
        }
    }

    private static string FlattenErrorValue(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Join(", ", value.EnumerateArray().Select(v => JsonValues.AsString(v) ?? v.GetRawText()))
        : JsonValues.AsString(value) ?? value.GetRawText();

}
