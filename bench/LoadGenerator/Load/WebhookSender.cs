using System.Net.Http.Headers;
using System.Text;

namespace PipedriveMaileon.LoadGenerator.Load;

/// <summary>
/// POSTs webhooks to <c>/webhooks/pipedrive/{companyId}</c> over the web nodes: a closed-loop worker always to the same
/// node (its <see cref="LoadRunner.Lane"/> modulo the nodes), open-loop requests round robin.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient[] clients;
    private long turn;

    public WebhookSender(IReadOnlyList<Uri> webUrls, int concurrency)
    {
        clients = [.. webUrls.Select(url => new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            UseCookies = false,
        })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        })];
    }

    public async Task<int> SendAsync(BenchTenant tenant, string body, CancellationToken cancellationToken)
    {
        var client = clients[(int)((LoadRunner.Lane ?? Interlocked.Increment(ref turn)) % clients.Length)];
        using var request = new HttpRequestMessage(HttpMethod.Post, tenant.WebhookPath)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("Authorization", tenant.Authorization);
        using var response = await client.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>The reference bound (a): the same bodies to the bare endpoint.</summary>
    public static async Task<int> PostRawAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync("/ingest", content, cancellationToken);
        return (int)response.StatusCode;
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
