namespace PipedriveMaileon.Sandbox.Pipedrive.Model;

/// <summary>An OAuth credential bound to one user of one company: an authorization code, access or refresh token.</summary>
public sealed class TokenGrant
{
    public string Value { get; set; } = string.Empty;
    public long CompanyId { get; set; }
    public long UserId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public bool Revoked { get; set; }

    /// <summary>Codes only: the redirect URI the code was issued for; a code is single-use.</summary>
    public string? RedirectUri { get; set; }

    public bool Used { get; set; }
}
