namespace PipedriveMaileon.ServiceDefaults.Health;

/// <summary>
/// <c>probe URL</c>: one GET of a health endpoint, for container healthchecks in images without curl. Exit code 0 when
/// it answers 200, 1 otherwise (refused, timed out, or any other status); one line on standard output says which.
/// </summary>
public static class HealthProbe
{
    public const string CommandName = "probe";
    public const int Healthy = 0;
    public const int Unhealthy = 1;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(Uri url, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(output);
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var healthy = response.StatusCode == System.Net.HttpStatusCode.OK;
            await output.WriteLineAsync($"{url} answered {(int)response.StatusCode}: {(healthy ? "healthy" : "unhealthy")}");
            return healthy ? Healthy : Unhealthy;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url} did not answer: {ex.Message}");
            return Unhealthy;
        }
    }
}
