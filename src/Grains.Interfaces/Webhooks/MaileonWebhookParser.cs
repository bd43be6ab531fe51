using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PipedriveMaileon.Grains.Interfaces.Webhooks;

/// <summary>
/// Parses a Maileon <c>doi</c> or <c>unsubscription</c> webhook: the URL parameters we register (<c>email</c>,
/// <c>external_id</c>; see <c>TenantSetupRunner</c>) and the optional flat JSON body (<c>email</c>, <c>external_id</c>,
/// <c>timestamp</c>, <c>msg_id</c>, ...). Body values win over URL values: Maileon's URL parameters can turn a
/// <c>+</c> in an address into a space, which is repaired when only the URL carries the address. Never throws.
/// </summary>
public static class MaileonWebhookParser
{
    public const int MaxEmailLength = 320;
    public const int MaxExternalIdLength = 255;

    public static MaileonWebhookParseResult Parse(
        MaileonEventKind kind,
        IReadOnlyDictionary<string, string> query,
        ReadOnlySpan<byte> body,
        DateTimeOffset receivedAt)
    {
        if (query is null)
        {
            return MaileonWebhookParseResult.Rejected("No URL parameters were given.");
        }

        // Maileon sends no body at all when no body fields are configured.
        JsonDocument? document = null;
        if (!body.Trim(" \t\r\n"u8).IsEmpty && (document = WebhookJsonLoader.Load(body, out var reason)) is null)
        {
            return MaileonWebhookParseResult.Rejected(reason);
        }

        using var owned = document;
        try
        {
            return Interpret(kind, query, document?.RootElement, body, receivedAt);
        }
        catch (WebhookFormatException ex)
        {
            return MaileonWebhookParseResult.Rejected(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return MaileonWebhookParseResult.Rejected($"The webhook could not be read ({ex.GetType().Name}).");
        }
    }

    private static MaileonWebhookParseResult Interpret(
        MaileonEventKind kind,
        IReadOnlyDictionary<string, string> query,
        JsonElement? root,
        ReadOnlySpan<byte> body,
        DateTimeOffset receivedAt)
    {
        if (!Enum.IsDefined(kind))
        {
            return MaileonWebhookParseResult.Rejected($"Unknown Maileon event kind {(int)kind}.");
        }

        if (root is { } r && r.ValueKind != JsonValueKind.Object)
        {
            return MaileonWebhookParseResult.Rejected($"The body must be a JSON object, not {WebhookJson.KindName(r.ValueKind)}.");
        }

        var json = root ?? default;
        var bodyEmail = root is null ? null : Blank(WebhookJson.Text(json, "email", "email"));
        var queryEmail = Blank(Query(query, "email"));
        var email = bodyEmail ?? RepairPlus(queryEmail);
        if (email is null)
        {
            return MaileonWebhookParseResult.Rejected("The e-mail address is missing (neither the email URL parameter nor the body's email).");
        }

        if (!LooksLikeEmail(email))
        {
            return MaileonWebhookParseResult.Rejected($"\"{WebhookJson.Clip(email)}\" is not an e-mail address.");
        }

        var externalId = (root is null ? null : Blank(WebhookJson.Text(json, "external_id", "external_id"))) ?? Blank(Query(query, "external_id"));
        if (externalId is { Length: > MaxExternalIdLength })
        {
            return MaileonWebhookParseResult.Rejected($"The external id is longer than {MaxExternalIdLength} characters.");
        }

        var timestampText = root is null ? null : Blank(WebhookJson.LenientText(WebhookJson.Get(json, "timestamp")));
        var messageId = root is null ? null : Blank(WebhookJson.LenientText(WebhookJson.Get(json, "msg_id")));
        var mailingId = (root is null ? null : Blank(WebhookJson.LenientText(WebhookJson.Get(json, "mailing_id")))) ?? Blank(Query(query, "mailing_id"));
        var contactId = ContactId(root is null ? null : WebhookJson.Get(json, "contact_id") ?? WebhookJson.Get(json, "id"))
            ?? ContactId(Query(query, "contact_id") ?? Query(query, "id"));

        return MaileonWebhookParseResult.Parsed(new MaileonEvent
        {
            Kind = kind,
            Email = email,
            ExternalId = externalId,
            MaileonContactId = contactId,
            Timestamp = timestampText is null ? null : ParseMaileonTime(timestampText),
            MailingId = mailingId,
            EventId = EventId(kind, email, externalId, timestampText, messageId, body, receivedAt),
        });
    }

    /// <summary>
    /// Same on every re-delivery of one event: kind, contact and Maileon's own timestamp and message id, plus a hash
    /// of the body. Without a timestamp the receipt minute is added, so that a later, genuinely new event for the
    /// same contact is never mistaken for a repeat (a repeat that crosses a minute counts as new; both kinds of
    /// event are idempotent for the contact, so that costs nothing).
    /// </summary>
    private static string EventId(
        MaileonEventKind kind,
        string email,
        string? externalId,
        string? timestamp,
        string? messageId,
        ReadOnlySpan<byte> body,
        DateTimeOffset receivedAt)
    {
        var minute = timestamp is null
            ? receivedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)
            : string.Empty;
        var parts = string.Join('\n', kind.ToString(), email.ToUpperInvariant(), externalId ?? string.Empty, timestamp ?? string.Empty, messageId ?? string.Empty, minute);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(parts));
        hash.AppendData("\n"u8);
        hash.AppendData(body);
        var digest = hash.GetHashAndReset();
        var tag = kind == MaileonEventKind.DoiConfirmed ? "doi" : "unsubscription";
        return $"maileon:{tag}:{Convert.ToHexStringLower(digest.AsSpan(0, 16))}";
    }

    private static string? Query(IReadOnlyDictionary<string, string> query, string name)
    {
        if (query.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, other) in query)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return other;
            }
        }

        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A space cannot be part of an address; in a URL parameter it is a <c>+</c> that was decoded.</summary>
    private static string? RepairPlus(string? email) => email?.Replace(' ', '+');

    /// <summary>
    /// One <c>@</c> with something on both sides, a domain with a dot and no empty labels, no spaces or control
    /// characters. Deliberately lenient otherwise: <c>+</c>, Unicode and long local parts are all legal.
    /// </summary>
    public static bool LooksLikeEmail(string email)
    {
        if (email.Length is < 3 or > MaxEmailLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }

        var domain = email.AsSpan(at + 1);
        return domain.Contains('.') && domain[0] != '.' && domain[^1] != '.' && !domain.Contains("..", StringComparison.Ordinal);
    }

    private static long? ContactId(JsonElement? value)
    {
        try
        {
            return value is { } v ? WebhookJson.AsId(v, "contact_id", allowObject: false) : null;
        }
        catch (WebhookFormatException)
        {
            return null; // informational only
        }
    }

    private static long? ContactId(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>
    /// Maileon sends <c>yyyy-MM-dd HH:mm:ss</c> without a zone (the account's zone is not documented; read as UTC),
    /// or an epoch number. An unreadable timestamp is left out rather than rejecting the event.
    /// </summary>
    private static DateTimeOffset? ParseMaileonTime(string text) => WebhookTimestamps.ParseTimestamp(text);
}
