using System.Text.RegularExpressions;

namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>
/// Naming rules of transaction types and attributes: a letter first, then letters, digits and <c>_</c>; levels
/// separated by <c>.</c>, each ≤ 32 characters, the whole ≥ 3 (Java client) and ≤ 255 characters.
/// </summary>
public static partial class TransactionNames
{
    public const int MaxLevelLength = 32;
    public const int MaxLength = 255;
    public const int MinLength = 3;

    public static readonly IReadOnlyList<string> AttributeTypes = ["string", "integer", "float", "double", "boolean", "date", "timestamp", "json"];

    public static string? Validate(string what, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return $"The {what} name is missing.";
        }

        if (name.Length is < MinLength or > MaxLength)
        {
            return $"Invalid {what} name '{name}': it must have {MinLength} to {MaxLength} characters.";
        }

        foreach (var level in name.Split('.'))
        {
            if (!Level().IsMatch(level))
            {
                return $"Invalid {what} name '{name}': each part must start with a letter and contain only letters, digits and _.";
            }

            if (level.Length > MaxLevelLength)
            {
                return $"Invalid {what} name '{name}': each part may have at most {MaxLevelLength} characters.";
            }
        }

        return null;
    }

    public static string? ValidateType(string attribute, string? type)
    {
        if (type is not null && AttributeTypes.Contains(type, StringComparer.Ordinal))
        {
            return null;
        }

        var hint = string.Equals(type, "datetime", StringComparison.OrdinalIgnoreCase) ? " (there is no datetime type; use timestamp)" : string.Empty;
        return $"Invalid type '{type}' of attribute {attribute}{hint}: use one of {string.Join(", ", AttributeTypes)}.";
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Level();
}
