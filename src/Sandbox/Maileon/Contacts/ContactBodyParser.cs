using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>
/// Reads a contact body: XML (<c>application/vnd.maileon.api+xml</c>) with <c>&lt;contact&gt;</c> as root, or JSON
/// (<c>application/vnd.maileon.api+json</c>) with an object. Any other content type is a 415.
/// </summary>
public static class ContactBodyParser
{
    public static async Task<(ContactInput? Input, IResult? Error)> ParseAsync(HttpRequest request)
    {
        var mediaType = MediaType(request.ContentType);
        var isXml = mediaType is MaileonResponses.XmlMediaType;
        var isJson = mediaType is MaileonResponses.JsonMediaType;
        if (!isXml && !isJson)
        {
            return (null, MaileonResponses.UnsupportedMediaType(request.ContentType, MaileonResponses.XmlMediaType, MaileonResponses.JsonMediaType));
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, MaileonResponses.BadRequest(isXml
                ? "The request body must contain a contact, at least <contact></contact>."
                : "The request body must be a JSON object, at least {}."));
        }

        return isXml ? ParseXml(body) : ParseJson(body);
    }

    public static string? MediaType(string? contentType) =>
        contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();

    private static (ContactInput?, IResult?) ParseXml(string body)
    {
        XDocument document;
        try
        {
            using var text = new StringReader(body);
            using var xml = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(xml);
        }
        catch (XmlException exception)
        {
            return (null, MaileonResponses.BadRequest($"The contact XML is malformed: {exception.Message}"));
        }

        var root = document.Root!;
        if (root.Name.LocalName != "contact")
        {
            return (null, MaileonResponses.BadRequest($"Expected a <contact> element but found <{root.Name.LocalName}>."));
        }

        var input = new ContactInput();
        if (root.Element("email") is { } email)
        {
            input.Email = IsNil(email) ? null : email.Value.Trim();
        }

        if (root.Element("external_id") is { } externalId)
        {
            input.ExternalIdGiven = true;
            input.ExternalId = IsNil(externalId) || externalId.Value.Length == 0 ? null : externalId.Value;
        }

        foreach (var (section, target) in new[] { ("standard_fields", input.StandardFields), ("custom_fields", input.CustomFields) })
        {
            foreach (var field in root.Element(section)?.Elements("field") ?? [])
            {
                var name = field.Element("name")?.Value.Trim();
                if (string.IsNullOrEmpty(name))
                {
                    return (null, MaileonResponses.BadRequest($"A field in <{section}> has no <name>."));
                }

                var value = field.Element("value");
                target[name] = value is null || IsNil(value) ? null : value.Value;
            }
        }

        return (input, null);
    }

    private static (ContactInput?, IResult?) ParseJson(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return (null, MaileonResponses.BadRequest($"The contact JSON is malformed: {exception.Message}"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, MaileonResponses.BadRequest("The contact JSON must be an object."));
            }

            var input = new ContactInput();
            if (root.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String)
            {
                input.Email = email.GetString()!.Trim();
            }

            if (root.TryGetProperty("external_id", out var externalId))
            {
                input.ExternalIdGiven = true;
                input.ExternalId = externalId.ValueKind == JsonValueKind.Null ? null : Scalar(externalId);
                if (input.ExternalId is "")
                {
                    input.ExternalId = null;
                }
            }

            foreach (var (section, target, allowNull) in new[] { ("standard_fields", input.StandardFields, true), ("custom_fields", input.CustomFields, false) })
            {
                if (!root.TryGetProperty(section, out var fields) || fields.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (fields.ValueKind != JsonValueKind.Object)
                {
                    return (null, MaileonResponses.BadRequest($"{section} must be a JSON object of field names and values."));
                }

                foreach (var property in fields.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Null && !allowNull)
                    {
                        return (null, MaileonResponses.BadRequest(
                            $"The value of custom field {property.Name} must not be null; remove it or send \"\" to clear the value."));
                    }

                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        return (null, MaileonResponses.BadRequest($"The value of field {property.Name} must be a string, number or boolean."));
                    }

                    target[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null : Scalar(property.Value);
                }
            }

            return (input, null);
        }
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => null,
        _ => element.GetRawText(),
    };

    private static bool IsNil(XElement element) =>
        string.Equals((string?)element.Attribute("nil"), "true", StringComparison.OrdinalIgnoreCase)
        || element.Attributes().Any(a => a.Name.LocalName == "nil" && string.Equals(a.Value, "true", StringComparison.OrdinalIgnoreCase));
}
