using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>Raw webhook requests against the web front end, and valid bodies to break in one place at a time.</summary>
public sealed class WebhookRequests(Uri web) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };

    public static string Basic(string userAndPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword));

    public async Task<Answer> PostAsync(string path, byte[]? body, string? contentType = "application/json", string? authorization = null, bool chunked = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Content = content;
            if (chunked)
            {
                request.Headers.TransferEncodingChunked = true;
            }
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException) when (chunked)
        {
            // Kestrel answers an oversize streamed body and closes the connection instead of draining it.
            return new Answer(0, "connection closed by the server while the body was still arriving", "", null, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }

        using var _ = response;
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, response.Headers.WwwAuthenticate.ToString(), response.Headers.RetryAfter?.ToString(),
            System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    public Task<Answer> PipedriveAsync(long companyId, string body, string? authorization, string? contentType = "application/json") =>
        PostAsync($"/webhooks/pipedrive/{companyId}", Encoding.UTF8.GetBytes(body), contentType, authorization);

    /// <summary>A well-formed v2 person change webhook (a rename: no Newsletter change).</summary>
    public static JsonObject V2Person(long companyId, long personId, long userId, string action = "change")
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["meta"] = new JsonObject
            {
                ["action"] = action,
                ["entity"] = "person",
                ["company_id"] = companyId.ToString(CultureInfo.InvariantCulture),
                ["entity_id"] = personId.ToString(CultureInfo.InvariantCulture),
                ["id"] = Guid.NewGuid().ToString(),
                ["is_bulk_edit"] = false,
                ["timestamp"] = now.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["user_id"] = userId.ToString(CultureInfo.InvariantCulture),
                ["version"] = "2.0",
                ["change_source"] = "app",
                ["attempt"] = 1,
            },
            ["data"] = new JsonObject
            {
                ["id"] = personId,
                ["name"] = "Catalogue Person",
                ["first_name"] = "Catalogue",
                ["last_name"] = "Person",
                ["emails"] = new JsonArray(new JsonObject { ["value"] = $"p{personId}@catalogue.example", ["primary"] = true, ["label"] = "work" }),
                ["owner_id"] = userId,
                ["custom_fields"] = new JsonObject(),
                ["update_time"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
            ["previous"] = new JsonObject { ["first_name"] = "Before" },
        };
    }

    /// <summary>A well-formed v1 person update webhook.</summary>
    public static JsonObject V1Person(long companyId, long personId, long userId)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["v"] = 1,
            ["meta"] = new JsonObject
            {
                ["v"] = 1,
                ["action"] = "updated",
                ["object"] = "person",
                ["id"] = personId,
                ["company_id"] = companyId,
                ["user_id"] = userId,
                ["timestamp"] = now.ToUnixTimeSeconds(),
                ["timestamp_micro"] = now.ToUnixTimeMilliseconds() * 1000,
                ["is_bulk_update"] = false,
                ["change_source"] = "app",
                ["webhook_id"] = 1,
            },
            ["current"] = new JsonObject
            {
                ["id"] = personId,
                ["name"] = "Catalogue Person",
                ["first_name"] = "Catalogue",
                ["last_name"] = "Person",
                ["email"] = new JsonArray(new JsonObject { ["value"] = $"p{personId}@catalogue.example", ["primary"] = true, ["label"] = "work" }),
                ["owner_id"] = userId,
            },
            ["previous"] = new JsonObject { ["id"] = personId, ["name"] = "Before" },
            ["retry"] = 0,
            ["event"] = "updated.person",
        };
    }

    public void Dispose() => http.Dispose();

    public sealed record Answer(HttpStatusCode Status, string Body, string WwwAuthenticate, string? RetryAfter, TimeSpan Elapsed)
    {
        public int Code => (int)Status;

        public override string ToString() => $"{Code} {(Body.Length > 160 ? Body[..160] + "…" : Body)}";
    }
}
