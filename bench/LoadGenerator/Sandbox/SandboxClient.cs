using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.LoadGenerator.Sandbox;

/// <summary>Reads the emulators' journals and counters through their control API.</summary>
public sealed class SandboxClient(Uri? pipedrive, Uri? maileon) : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public Uri? Pipedrive => pipedrive;

    public Uri? Maileon => maileon;

    /// <summary>Journal entries after <paramref name="after"/>; null when the journal cannot be read.</summary>
    public async Task<IReadOnlyList<JournalEntry>?> JournalAsync(bool ofMaileon, long after)
    {
        var baseUrl = ofMaileon ? maileon : pipedrive;
        if (baseUrl is null)
        {
            return null;
        }

        var route = ofMaileon ? SandboxRoutes.MaileonJournal : SandboxRoutes.PipedriveJournal;
        try
        {
            return await http.GetFromJsonAsync<List<JournalEntry>>(new Uri(baseUrl, $"{route}?after={after}"), Web);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The last sequence number in a journal now (0 when empty or unreadable).</summary>
    public async Task<long> JournalHeadAsync(bool ofMaileon)
    {
        var entries = await JournalAsync(ofMaileon, 0);
        return entries is { Count: > 0 } ? entries.Max(e => e.Sequence) : 0;
    }

    /// <summary>Pipedrive token cost spent so far per company, from the emulator's usage counters; null when it has none.</summary>
    public async Task<IReadOnlyDictionary<long, (long Calls, long Tokens)>?> PipedriveUsageAsync()
    {
        var node = await GetJsonAsync(pipedrive, SandboxRoutes.PipedriveCounters);
        if (node?["endpoints"] is not JsonArray rows)
        {
            return null;
        }

        var result = new Dictionary<long, (long Calls, long Tokens)>();
        foreach (var row in rows.OfType<JsonObject>())
        {
            var company = Long(row, "companyId", "company_id") ?? 0;
            var existing = result.GetValueOrDefault(company);
            result[company] = (existing.Calls + (Long(row, "calls") ?? 0), existing.Tokens + (Long(row, "tokenCost", "token_cost") ?? 0));
        }

        return result;
    }

    /// <summary>
    /// Distinct deals in [<paramref name="fromDeal"/>, <paramref name="toDeal"/>) with a transaction stored by the
    /// Maileon emulator (its <c>deal_id</c> content attribute); null when the list cannot be read.
    /// </summary>
    public async Task<int?> DealTransactionsAsync(long fromDeal, long toDeal)
    {
        if (await GetJsonAsync(maileon, SandboxRoutes.MaileonTransactions) is not JsonArray stored)
        {
            return null;
        }

        return stored.OfType<JsonObject>()
            .Select(t => Long(t["content"], "deal_id"))
            .Where(id => id >= fromDeal && id < toDeal)
            .Distinct()
            .Count();
    }

    public async Task<JsonNode?> GetJsonAsync(Uri? baseUrl, string pathAndQuery)
    {
        if (baseUrl is null)
        {
            return null;
        }

        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, pathAndQuery));
            return response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>POSTs JSON to a control route; the parsed answer, or an error string.</summary>
    public async Task<(JsonNode? Body, string? Error)> PostJsonAsync(Uri? baseUrl, string path, object body)
    {
        if (baseUrl is null)
        {
            return (null, "no sandbox URL given");
        }

        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(baseUrl, path), body, Web);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"POST {path} answered {(int)response.StatusCode}");
            }

            return (string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException)
        {
            return (null, $"POST {path} failed: {ex.Message}");
        }
    }

    public static long? Long(JsonNode? node, params string[] names)
    {
        foreach (var name in names)
        {
            if (node is JsonObject o && o[name] is JsonValue value)
            {
                if (value.TryGetValue<long>(out var number))
                {
                    return number;
                }

                if (value.TryGetValue<string>(out var text) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
            }
        }

        return null;
    }

    public static string? Text(JsonNode? node, params string[] names)
    {
        foreach (var name in names)
        {
            if (node is JsonObject o && o[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                return text;
            }
        }

        return null;
    }

    public void Dispose() => http.Dispose();
}
