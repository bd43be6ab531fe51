using System.Text.RegularExpressions;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// The key an e-mail address is known by within a tenant: trimmed and lower-cased, because Maileon matches addresses
/// without regard to case, so two spellings of one address are one Maileon contact and must hold one consent.
/// Nothing else is folded: dots and <c>+tags</c> name different mailboxes for Maileon. An address Maileon would refuse
/// (display names such as <c>Max &lt;max@example.com&gt;</c>, spaces, a missing domain) has no key.
/// </summary>
public static partial class EmailAddressKey
{
    public const int MaxLength = 254;

    /// <summary>The key of a usable address, or null when there is none or it is not one Maileon accepts.</summary>
    public static string? Of(string? raw) => Classify(raw) == EmailAddressKind.Valid ? raw!.Trim().ToLowerInvariant() : null;

    public static EmailAddressKind Classify(string? raw)
    {
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return EmailAddressKind.Missing;
        }

        return trimmed.Length <= MaxLength && Syntax().IsMatch(trimmed) ? EmailAddressKind.Valid : EmailAddressKind.Invalid;
    }

    /// <summary>True when both name the same Maileon contact (both usable and equal as keys).</summary>
    public static bool Same(string? a, string? b) => Of(a) is { } left && string.Equals(left, Of(b), StringComparison.Ordinal);

    // ASCII local part with the characters RFC 5322 allows unquoted, dot-separated; a domain of LDH labels and a TLD.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
