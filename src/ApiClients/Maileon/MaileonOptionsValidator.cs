using Microsoft.Extensions.Options;

namespace PipedriveMaileon.ApiClients.Maileon;

internal sealed class MaileonOptionsValidator : IValidateOptions<MaileonOptions>
{
    public ValidateOptionsResult Validate(string? name, MaileonOptions options)
    {
        var failures = new List<string>();
        if (options.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Maileon:BaseUrl must be an absolute http(s) URL.");
        }

        if (options.MaxTransactionBatchBytes is < 1024 or > MaileonOptions.DocumentedMaxTransactionBatchBytes)
        {
            failures.Add($"Maileon:MaxTransactionBatchBytes must be between 1024 and {MaileonOptions.DocumentedMaxTransactionBatchBytes}.");
        }

        failures.AddRange(options.Resilience.Validate(MaileonOptions.SectionName));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
