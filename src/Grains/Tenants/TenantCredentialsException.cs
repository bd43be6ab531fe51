namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// A call needs a credential the tenant does not have (no Maileon key saved, Pipedrive authorisation lost): only an
/// admin can fix it, so effects wait for it (<see cref="Outbox.EffectOutcome.WaitForCredentials"/>) instead of failing.
/// </summary>
public sealed class TenantCredentialsException : Exception
{
    public TenantCredentialsException()
    {
    }

    public TenantCredentialsException(string message)
        : base(message)
    {
    }

    public TenantCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
