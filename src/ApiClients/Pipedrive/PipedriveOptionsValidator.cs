using Microsoft.Extensions.Options;

namespace PipedriveMaileon.ApiClients.Pipedrive;

internal sealed class PipedriveOptionsValidator : IValidateOptions<PipedriveOptions>
{
    public ValidateOptionsResult Validate(string? name, PipedriveOptions options)
    {
        var failures = new List<string>();
        if (options.OAuthBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Pipedrive:OAuthBaseUrl must be an absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Pipedrive:ClientId is required.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Pipedrive:ClientSecret is required.");
        }

        failures.AddRange(options.Resilience.Validate(PipedriveOptions.SectionName));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
