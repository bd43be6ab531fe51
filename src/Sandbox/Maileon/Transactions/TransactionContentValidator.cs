using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>
/// Checks a transaction's content against its type: only declared attributes, required ones present, JSON value
/// kinds matching the attribute types, strings ≤ 1000 characters (64,000 for store-only types), dates
/// <c>yyyy-MM-dd</c> and timestamps <c>yyyy-MM-dd HH:mm:ss</c>.
/// </summary>
public static class TransactionContentValidator
{
    public const int MaxStringLength = 1000;
    public const int MaxStoreOnlyStringLength = 64_000;
    public const string TransactionIdAttribute = "transaction_id";

    public static string? Validate(TransactionType type, JsonObject content)
    {
        foreach (var (name, _) in content)
        {
            if (type.Attributes.All(a => a.Name != name))
            {
                return $"Attribute {name} is not defined in transaction type {type.Name}.";
            }
        }

        foreach (var attribute in type.Attributes)
        {
            var value = content[attribute.Name];
            if (value is null)
            {
                if (attribute.Required)
                {
                    return $"Required attribute {attribute.Name} of transaction type {type.Name} is missing.";
                }

                continue;
            }

            if (Check(attribute, value, type.StoreOnly ? MaxStoreOnlyStringLength : MaxStringLength) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Check(TransactionAttribute attribute, JsonNode value, int maxString)
    {
        var kind = value.GetValueKind();
        string Wrong(string expected) => $"Attribute {attribute.Name} must be {expected} but was {value.ToJsonString()}.";
        switch (attribute.Type)
        {
            case "string":
                if (kind != JsonValueKind.String)
                {
                    return Wrong("a string");
                }

                var text = value.GetValue<string>();
                return text.Length > maxString
                    ? $"Attribute {attribute.Name} is too long: {text.Length} characters, at most {maxString} are allowed."
                    : null;
            case "integer":
                return kind == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out _) ? null : Wrong("a 32-bit integer");
            case "float" or "double":
                return kind == JsonValueKind.Number ? null : Wrong("a number");
            case "boolean":
                return kind is JsonValueKind.True or JsonValueKind.False ? null : Wrong("true or false");
            case "date":
                return kind == JsonValueKind.String && IsExact(value.GetValue<string>(), "yyyy-MM-dd") ? null : Wrong("a date yyyy-MM-dd");
            case "timestamp":
                return kind == JsonValueKind.String && IsExact(value.GetValue<string>(), "yyyy-MM-dd HH:mm:ss") ? null : Wrong("a timestamp yyyy-MM-dd HH:mm:ss");
            default:
                return null;
        }
    }

    private static bool IsExact(string text, string format) =>
        DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
