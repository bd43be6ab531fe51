namespace PipedriveMaileon.Grains.Interfaces.Tenants;

/// <summary>
/// A secret (token, API key, credential) encrypted with the shared Data Protection key ring. It travels between
/// grains and is stored only in this form; the process that uses it unprotects it locally. Never prints itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("pm.ProtectedSecret")]
public sealed record ProtectedSecret([property: Id(0)] string CipherText)
{
    public override string ToString() => "ProtectedSecret(***)";
}
