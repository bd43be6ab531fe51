namespace PipedriveMaileon.Grains.Interfaces.Deals;

public enum DealTransactionTypesStatus
{
    /// <summary>All three types exist with compatible attributes.</summary>
    Ready,

    /// <summary>No longer given (existing types are adopted as they are); kept so answers stored or sent by older silos still read.</summary>
    Mismatch,

    /// <summary>The tenant has no usable Maileon API key.</summary>
    NotConfigured,

    /// <summary>Maileon could not be asked or refused the request; see <see cref="DealTransactionTypesResult.Retryable"/>.</summary>
    Unavailable,
}
