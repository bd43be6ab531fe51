using System.Globalization;

namespace PipedriveMaileon.Grains.Interfaces.Contacts;

/// <summary>
/// The Maileon external id of a synchronised contact: <c>pd-{companyId}-{personId}</c>. It names the tenant as well
/// as the person, so a webhook from a shared Maileon account can never be applied to another company's person.
/// Only the canonical form round-trips: decimal digits, no sign, no leading zeros, both ids positive.
/// </summary>
public static class ContactExternalId
{
    public const string Prefix = "pd-";

    public static string Format(long companyId, long personId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(companyId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(personId);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{companyId}-{personId}");
    }

    /// <summary>True for our own format; false for null, other systems' external ids and anything not canonical.</summary>
    public static bool TryParse(string? externalId, out long companyId, out long personId)
    {
        companyId = 0;
        personId = 0;
        if (externalId is null || !externalId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = externalId.AsSpan(Prefix.Length);
        var dash = rest.IndexOf('-');
        if (dash < 0
            || !TryParseId(rest[..dash], out var company)
            || !TryParseId(rest[(dash + 1)..], out var person))
        {
            return false;
        }

        companyId = company;
        personId = person;
        return true;
    }

    private static bool TryParseId(ReadOnlySpan<char> digits, out long id)
    {
        id = 0;
        if (digits.IsEmpty || digits.Length > 19 || digits[0] == '0')
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
