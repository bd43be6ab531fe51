using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace PipedriveMaileon.Web.Sessions;

/// <summary>
/// Session tickets: a <see cref="TenantSession"/> encrypted and signed with the shared Data Protection key ring and
/// time-limited, so any web node can read it and nobody can forge or alter it. Pages carry a ticket in their forms,
/// links and fetches (inside Pipedrive's iframe no cookie can be relied on); each ticket lasts
/// <see cref="SettingsSessionOptions.TicketLifetime"/> from being issued, never past
/// <see cref="SettingsSessionOptions.MaxSessionLifetime"/> from the sign-in.
/// </summary>
public sealed class SessionTickets(IDataProtectionProvider provider, TimeProvider time, IOptions<SettingsSessionOptions> options)
{
    /// <summary>Longer values are refused unread.</summary>
    public const int MaxLength = 2048;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    // The expiry travels inside the protected payload and is checked against the injected clock.
    private readonly IDataProtector protector = provider.CreateProtector("PipedriveMaileon.SettingsSession.v1");

    /// <summary>A ticket for a page about to be shown; null once the session is past its maximum lifetime.</summary>
    public string? Issue(TenantSession session)
    {
        var now = time.GetUtcNow();
        var expires = Min(now + options.Value.TicketLifetime, session.AuthenticatedAt + options.Value.MaxSessionLifetime);
        return expires <= now ? null : Protect(session, expires);
    }

    /// <summary>A ticket for the standalone sign-in cookie: valid until the session's maximum lifetime.</summary>
    public string IssueForCookie(TenantSession session) => Protect(session, session.AuthenticatedAt + options.Value.MaxSessionLifetime);

    public TenantSession? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > MaxLength)
        {
            return null;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(protector.Unprotect(ticket), Json);
            var now = time.GetUtcNow();
            return envelope?.Session is { } session && DateTimeOffset.FromUnixTimeSeconds(envelope.ExpiresAt) > now
                && session.AuthenticatedAt + options.Value.MaxSessionLifetime > now
                ? session
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private string Protect(TenantSession session, DateTimeOffset expires) =>
        protector.Protect(JsonSerializer.Serialize(new Envelope(expires.ToUnixTimeSeconds(), session), Json));

    internal static string Serialize(TenantSession session) => JsonSerializer.Serialize(session, Json);

    internal static TenantSession? Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TenantSession>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a ticket protects: the session and when the ticket stops being accepted (Unix seconds).</summary>
    private sealed record Envelope(
        [property: System.Text.Json.Serialization.JsonPropertyName("x")] long ExpiresAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("s")] TenantSession? Session);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
