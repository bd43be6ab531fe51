using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PipedriveMaileon.ApiClients.Pipedrive;

/// <summary>
/// Checks the <c>Pipedrive</c> section at start-up. The OAuth server receives the client secret and hands out tokens, so
/// it must be https; plain http is accepted only for a loopback host (the sandbox on this machine) or in Development.
/// </summary>
internal sealed class PipedriveOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<PipedriveOptions>
{
    public ValidateOptionsResult Validate(string? name, PipedriveOptions options)
    {
        var failures = new List<string>();
        if (options.OAuthBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Pipedrive:OAuthBaseUrl must be an absolute http(s) URL.");
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url) && environment?.IsDevelopment() != true)
        {
            failures.Add($"Pipedrive:OAuthBaseUrl must be https (http is accepted only for a loopback host or in Development), not {url.Scheme}://{url.Authority}.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Pipedrive:ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Pipedrive:ClientSecret is required.");
        }

        failures.AddRange(options.AllowedApiHosts.Select(PipedriveApiHosts.Problem).OfType<string>().Select(p => "Pipedrive:AllowedApiHosts: " + p));
        failures.AddRange(options.Resilience.Validate(PipedriveOptions.SectionName));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
