namespace PipedriveMaileon.Sandbox.Tests.Maileon;

/// <summary>One call the <see cref="WebhookReceiver"/> got: the raw query string and the query as a server decodes it.</summary>
public sealed record ReceivedWebhook(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Query,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string Body);
