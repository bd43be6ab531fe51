using System.Globalization;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>Custom contact field types and the value rules of each (Custom Contact Fields page).</summary>
public static class CustomFieldTypes
{
    public const int MaxStringLength = 255;

    public static readonly IReadOnlyList<string> All = ["string", "integer", "float", "date", "boolean"];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// Validates a value for a field of <paramref name="type"/> and returns its canonical text (dates lose their time,
    /// booleans become lower-case); an empty string clears the value and is always accepted.
    /// </summary>
    public static bool TryNormalise(string name, string type, string value, out string normalised, out string? problem)
    {
        normalised = value;
        problem = null;
        if (value.Length == 0)
        {
            return true;
        }

        switch (type)
        {
            case "string":
                if (value.Length > MaxStringLength)
                {
                    problem = $"Value of custom field {name} is too long: {value.Length} characters, at most {MaxStringLength} are allowed.";
                }

                break;
            case "integer":
                if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    normalised = integer.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    problem = $"Invalid value for custom field {name} of type integer: '{value}'.";
                }

                break;
            case "float":
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    normalised = number.ToString("R", CultureInfo.InvariantCulture);
                }
                else
                {
                    problem = $"Invalid value for custom field {name} of type float: '{value}'.";
                }

                break;
            case "date":
                if (DateTime.TryParseExact(value, ["yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    normalised = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                else
                {
                    problem = $"Invalid value for custom field {name} of type date: '{value}' (expected yyyy-MM-dd).";
                }

                break;
            case "boolean":
                if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
                {
                    normalised = value.ToLowerInvariant();
                }
                else
                {
                    problem = $"Invalid value for custom field {name} of type boolean: '{value}' (expected true or false).";
                }

                break;
            default:
                problem = $"Custom field {name} has the unknown type {type}.";
                break;
        }

        return problem is null;
    }
}
