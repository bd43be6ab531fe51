using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using PipedriveMaileon.IntegrationTests.Infrastructure;

namespace PipedriveMaileon.IntegrationTests.Security;

/// <summary>Many webhooks in a row: one request answered by its status code, and how many persons' states were stored.</summary>
public static class WebhookTraffic
{
    public static async Task<int> PostAsync(HttpClient http, string path, string body, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (int)response.StatusCode;
    }

    /// <summary>The tenant's person grains with a stored state.</summary>
    public static async Task<long> ContactRowsAsync(SandboxDeployment deployment, long companyId)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        await using var connection = new NpgsqlConnection(deployment.Cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleansstorage WHERE grainidextensionstring = @company AND graintypestring = 'contact' AND payloadbinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("company", companyId.ToString(CultureInfo.InvariantCulture));
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
