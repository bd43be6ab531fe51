using System.Globalization;
using System.Text.RegularExpressions;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>Maileon's standard contact fields and their value rules (Standard Contact Fields page).</summary>
public static partial class StandardFields
{
    public const int MaxStringLength = 255;

    public static readonly IReadOnlyList<string> Strings =
        ["ADDRESS", "CITY", "COUNTRY", "FIRSTNAME", "LASTNAME", "FULLNAME", "HNR", "ORGANIZATION", "REGION", "STATE", "SALUTATION", "TITLE", "ZIP"];

    public static readonly IReadOnlyList<string> Dates = ["BIRTHDAY", "NAMEDAY"];

    public static readonly IReadOnlyList<string> ReadOnly = ["PERMISSION_STATUS", "SENDOUT_STATUS", "CUSTOM_SOURCE", "CHECKSUM"];

    public static IEnumerable<string> Writable => Strings.Concat(Dates).Append("GENDER").Append("LOCALE");

    public static IEnumerable<string> All => Writable.Concat(ReadOnly);

    /// <summary>Names a custom field may not take besides the standard field names.</summary>
    public static readonly IReadOnlyList<string> Reserved =
        ["id", "created", "external_id", "local_part", "permission_type", "permission_status", "sendout_status", "updated", "email"];

    public static bool IsKnown(string upperName) => All.Contains(upperName, StringComparer.Ordinal);

    public static bool IsReadOnly(string upperName) => ReadOnly.Contains(upperName, StringComparer.Ordinal);

    /// <summary>Returns the problem with a value for a writable standard field, or null when it is valid.</summary>
    public static string? Validate(string upperName, string value)
    {
        if (Strings.Contains(upperName, StringComparer.Ordinal))
        {
            return value.Length > MaxStringLength
                ? $"Value of standard field {upperName} is too long: {value.Length} characters, at most {MaxStringLength} are allowed."
                : null;
        }

        if (Dates.Contains(upperName, StringComparer.Ordinal))
        {
            return DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null
                : $"Invalid value for standard field {upperName}: '{value}' (expected yyyy-MM-dd or yyyy-MM-dd HH:mm:ss).";
        }

        return upperName switch
        {
            "GENDER" => value is "m" or "f" or "d" ? null : $"Invalid value for standard field GENDER: '{value}' (expected m, f or d).",
            "LOCALE" => LocalePattern().IsMatch(value) ? null : $"Invalid value for standard field LOCALE: '{value}' (expected xx or xx_XX).",
            _ => $"Unknown standard field: {upperName}",
        };
    }

    [GeneratedRegex("^[a-z]{2}(_[A-Z]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalePattern();
}
