using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace PipedriveMaileon.Sandbox.Maileon.Transactions;

/// <summary>Reads and writes transaction types: XML (<c>&lt;transaction_type&gt;</c>) and JSON "by example".</summary>
public static class TransactionTypeXml
{
    public const int MaxDescriptionLength = 1000;

    public static XElement Write(TransactionType type) =>
        new("transaction_type",
            new XElement("id", type.Id),
            new XElement("name", type.Name),
            new XElement("description", type.Description ?? string.Empty),
            new XElement("created", type.Created.ToUnixTimeMilliseconds()),
            type.ArchivingDuration is { } days ? new XElement("archivingDuration", days) : null,
            new XElement("storeOnly", type.StoreOnly ? "true" : "false"),
            new XElement("attributes", type.Attributes.Select(a => new XElement("attribute",
                new XElement("id", a.Id),
                new XElement("name", a.Name),
                new XElement("description", a.Description ?? string.Empty),
                new XElement("type", a.Type),
                new XElement("required", a.Required ? "true" : "false")))));

    /// <summary>Parses the XML body; attribute ids are refused (Maileon fails on them).</summary>
    public static (TransactionType? Type, string? Error) Parse(string body)
    {
        XElement root;
        try
        {
            using var text = new StringReader(body);
            using var reader = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            root = XDocument.Load(reader).Root!;
        }
        catch (XmlException exception)
        {
            return (null, $"The transaction type XML is malformed: {exception.Message}");
        }

        if (root.Name.LocalName != "transaction_type")
        {
            return (null, $"Expected a <transaction_type> element but found <{root.Name.LocalName}>.");
        }

        var type = new TransactionType
        {
            Name = root.Element("name")?.Value.Trim() ?? string.Empty,
            Description = root.Element("description")?.Value is { Length: > 0 } description ? description : null,
        };
        if (root.Element("archivingDuration")?.Value is { Length: > 0 } archiving)
        {
            if (!int.TryParse(archiving, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            {
                return (null, $"Invalid archivingDuration '{archiving}': a number of days is expected.");
            }

            type.ArchivingDuration = days;
        }

        if (root.Element("storeOnly")?.Value is { Length: > 0 } storeOnly)
        {
            if (!bool.TryParse(storeOnly, out var flag))
            {
                return (null, $"Invalid storeOnly '{storeOnly}': true or false is expected.");
            }

            type.StoreOnly = flag;
        }

        foreach (var attribute in root.Element("attributes")?.Elements("attribute") ?? [])
        {
            if (attribute.Element("id") is not null)
            {
                return (null, "Attributes must not carry an <id>; send name, type, required and description only.");
            }

            var requiredText = attribute.Element("required")?.Value ?? attribute.Element("mandatory")?.Value;
            var required = false;
            if (requiredText is { Length: > 0 } && !bool.TryParse(requiredText, out required))
            {
                return (null, $"Invalid required value '{requiredText}': true or false is expected.");
            }

            type.Attributes.Add(new TransactionAttribute
            {
                Name = attribute.Element("name")?.Value.Trim() ?? string.Empty,
                Type = attribute.Element("type")?.Value.Trim() ?? string.Empty,
                Required = required,
                Description = attribute.Element("description")?.Value is { Length: > 0 } d ? d : null,
            });
        }

        return (type, Validate(type));
    }

    /// <summary>Parses <c>{"name":…,"storeOnly":…,"archivingDuration":…,"content":{example}}</c> and infers attribute types.</summary>
    public static (TransactionType? Type, string? Error) ParseByExample(string body)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("a JSON object is expected");
        }
        catch (JsonException exception)
        {
            return (null, $"The transaction type JSON is malformed: {exception.Message}");
        }

        var type = new TransactionType
        {
            Name = root["name"]?.GetValueKind() == JsonValueKind.String ? root["name"]!.GetValue<string>() : string.Empty,
            StoreOnly = root["storeOnly"]?.GetValueKind() == JsonValueKind.True,
            ArchivingDuration = root["archivingDuration"]?.GetValueKind() == JsonValueKind.Number ? root["archivingDuration"]!.GetValue<int>() : null,
        };
        if (root["content"] is not JsonObject content)
        {
            return (null, "The example event (content) must be a JSON object.");
        }

        foreach (var (name, value) in content)
        {
            type.Attributes.Add(new TransactionAttribute { Name = name, Type = Infer(value) });
        }

        return (type, Validate(type));
    }

    private static string Infer(JsonNode? value)
    {
        switch (value?.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                return "boolean";
            case JsonValueKind.Number:
                return value.AsValue().TryGetValue<int>(out _) ? "integer" : "float";
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                return DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? "timestamp"
                    : DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? "date"
                    : "string";
            case JsonValueKind.Object or JsonValueKind.Array:
                return "json";
            default:
                return "string";
        }
    }

    private static string? Validate(TransactionType type)
    {
        if (TransactionNames.Validate("transaction type", type.Name) is { } nameProblem)
        {
            return nameProblem;
        }

        if (type.Description is { Length: > MaxDescriptionLength })
        {
            return $"The description is too long: at most {MaxDescriptionLength} characters are allowed.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in type.Attributes)
        {
            if ((TransactionNames.Validate("attribute", attribute.Name) ?? TransactionNames.ValidateType(attribute.Name, attribute.Type)) is { } problem)
            {
                return problem;
            }

            if (!seen.Add(attribute.Name))
            {
                return $"The attribute {attribute.Name} is defined twice.";
            }
        }

        return null;
    }
}
