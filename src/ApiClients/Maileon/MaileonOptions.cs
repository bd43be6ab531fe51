using PipedriveMaileon.ApiClients.Resilience;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Configuration section <c>Maileon</c>. The API key is per tenant and travels with each call.</summary>
public sealed class MaileonOptions
{
    public const string SectionName = "Maileon";

    /// <summary>Maileon's documented limit for one <c>POST /transactions</c> request entity.</summary>
    public const int DocumentedMaxTransactionBatchBytes = 9_000_000;

    public Uri BaseUrl { get; set; } = new("https://api.maileon.com/1.0");

    /// <summary>Largest <c>POST /transactions</c> body sent; batches are split below it.</summary>
    public int MaxTransactionBatchBytes { get; set; } = DocumentedMaxTransactionBatchBytes;

    public ApiResilienceOptions Resilience { get; set; } = new();
}
