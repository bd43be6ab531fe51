namespace PipedriveMaileon.Grains.Interfaces.Deals;

public enum DealTransactionTypesStatus
{
    /// <summary>All three types exist with compatible attributes.</summary>
    Ready,

    /// <summary>A type of that name exists with other attributes: nothing may be sent until an admin resolves it.</summary>
    Mismatch,

    /// <summary>The tenant has no usable Maileon API key.</summary>
    NotConfigured,

    /// <summary>Maileon could not be asked or refused the request; see <see cref="DealTransactionTypesResult.Retryable"/>.</summary>
    Unavailable,
}
