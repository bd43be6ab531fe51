using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PipedriveMaileon.Sandbox.Common;

namespace PipedriveMaileon.Sandbox.Pipedrive.OAuth;

/// <summary>
/// Uninstalls the app for a company: revokes its tokens, removes the app's webhooks, and sends Pipedrive's
/// <c>DELETE {callback URL}</c> with Basic client credentials and <c>{client_id, company_id, user_id, timestamp}</c>.
/// The response is recorded, never retried.
/// </summary>
public sealed class UninstallNotifier(
    PipedriveStore store,
    IHttpClientFactory httpClientFactory,
    SandboxClock clock,
    IOptions<PipedriveEmulatorOptions> options)
{
    public const string HttpClientName = "pipedrive-uninstall";

    /// <summary>Returns the outcome of the callback (status code or error), or null when the company does not exist.</summary>
    public async Task<string?> UninstallAsync(long companyId, long? userId, bool callApp, CancellationToken cancellationToken)
    {
        long actor;
        lock (store.Gate)
        {
            if (store.FindCompany(companyId) is not { } company)
            {
                return null;
            }

            actor = userId ?? company.InstalledByUserId ?? store.AdminOf(companyId).Id;
            store.UninstallFor(companyId, actor);
        }

        if (!callApp)
        {
            return "not called";
        }

        var app = options.Value;
        var outcome = await CallAppAsync(app, companyId, actor, cancellationToken);
        lock (store.Gate)
        {
            if (store.FindCompany(companyId) is { } company)
            {
                company.LastUninstallCallback = outcome;
            }
        }

        return outcome;
    }

    private async Task<string> CallAppAsync(PipedriveEmulatorOptions app, long companyId, long userId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["client_id"] = app.ClientId,
            ["company_id"] = companyId,
            ["user_id"] = userId,
            ["timestamp"] = clock.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        using var request = new HttpRequestMessage(HttpMethod.Delete, app.RedirectUri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.ClientId}:{app.ClientSecret}")));
        request.Content = new StringContent(body.ToJsonString(Wire.PipedriveResponses.Wire), Encoding.UTF8, "application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (HttpRequestException exception)
        {
            return exception.HttpRequestError.ToString();
        }
    }
}
