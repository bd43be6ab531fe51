using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Reading and writing Maileon's XML (<c>application/vnd.maileon.api+xml</c>).</summary>
internal static class MaileonXml
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
    };

    public static XElement Parse(string body)
    {
        using var reader = XmlReader.Create(new StringReader(body), ReaderSettings);
        return XElement.Load(reader);
    }

    public static bool TryParse(string body, out XElement root)
    {
        try
        {
            root = Parse(body);
            return true;
        }
        catch (XmlException)
        {
            root = null!;
            return false;
        }
    }

    /// <summary>The text of a child element; null when it is missing or marked <c>nil="true"</c>.</summary>
    public static string? Text(XElement parent, string name) => Value(parent.Element(name));

    public static string? Value(XElement? element) =>
        element is null || IsNil(element) ? null : element.Value;

    public static long? Int64(XElement parent, string name) =>
        long.TryParse(Text(parent, name)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary><c>&lt;field&gt;&lt;name/&gt;&lt;value/&gt;&lt;/field&gt;</c> children as a name → value map.</summary>
    public static Dictionary<string, string?> Fields(XElement? container)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (container is null)
        {
            return fields;
        }

        foreach (var field in container.Elements("field"))
        {
            if (Text(field, "name") is { Length: > 0 } name)
            {
                fields[name] = Value(field.Element("value"));
            }
        }

        return fields;
    }

    /// <summary>The <c>&lt;error&gt;&lt;message&gt;</c> of an XML error body, or the raw text of a plain one.</summary>
    public static string? ErrorMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        if (TryParse(body, out var root))
        {
            return root.Name.LocalName == "error" ? Text(root, "message") ?? root.Value : root.Value;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && Wire.JsonValues.String(document.RootElement, "message") is { } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Neither XML nor JSON: some endpoints answer with a bare sentence, which is the message.
        }

        return body;
    }

    /// <summary>A created object's id: <c>&lt;id&gt;n&lt;/id&gt;</c>, <c>{"id":n}</c> or a bare number.</summary>
    public static long? CreatedId(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var trimmed = body.Trim();
        if (long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bare))
        {
            return bare;
        }

        if (trimmed.StartsWith('<') && TryParse(trimmed, out var root))
        {
            var text = root.Name.LocalName == "id" ? root.Value : Text(root, "id");
            return long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.ValueKind == JsonValueKind.Object ? Wire.JsonValues.Int64(document.RootElement, "id") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Write(Action<XmlWriter> writeDocument)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            writer.WriteStartDocument();
            writeDocument(writer);
            writer.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    /// <summary>Writes a value as CDATA like Maileon's own clients, or as escaped text if it contains <c>]]&gt;</c>.</summary>
    public static void WriteValue(XmlWriter writer, string value)
    {
        writer.WriteStartElement("value");
        if (value.Contains("]]>", StringComparison.Ordinal))
        {
            writer.WriteString(value);
        }
        else
        {
            writer.WriteCData(value);
        }

        writer.WriteEndElement();
    }

    private static bool IsNil(XElement element) =>
        string.Equals((string?)element.Attribute("nil"), "true", StringComparison.OrdinalIgnoreCase);
}
