namespace PipedriveMaileon.Grains.Interfaces.Hosting;

/// <summary>
/// The grain could not record a change durably (storage unreachable or a concurrent writer). Nothing was
/// acknowledged; the caller should answer with a retryable error. Serializable across grain boundaries, unlike
/// the provider's own exceptions.
/// </summary>
[GenerateSerializer, Alias("pm.GrainStateUnavailableException")]
public sealed class GrainStateUnavailableException : Exception
{
    public GrainStateUnavailableException()
    {
    }

    public GrainStateUnavailableException(string message)
        : base(message)
    {
    }

    public GrainStateUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
