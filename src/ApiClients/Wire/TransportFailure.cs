using Polly.CircuitBreaker;
using Polly.Timeout;

namespace PipedriveMaileon.ApiClients.Wire;

internal static class TransportFailure
{
    /// <summary>A short, credential-free description of a call that got no response.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        BrokenCircuitException => "The circuit for this tenant is open after repeated failures.",
        TimeoutRejectedException => "The call timed out.",
        TaskCanceledException => "The call timed out.",
        HttpRequestException { HttpRequestError: var error } => $"Network error ({error}).",
        _ => "The call failed without a response.",
    };
}
