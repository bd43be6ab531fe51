using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// Maileon's <c>&lt;contact&gt;</c>: the body sent on create/update and the element read back (docs: "Get Contact By
/// Email"; a requested standard field without a value is <c>&lt;value nil="true"/&gt;</c>, a custom one is left out).
/// </summary>
internal static class MaileonContactXml
{
    // "2015-08-04 13:12:46.0" is documented; the other forms are accepted because Maileon's clients parse leniently.
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>The create/update body: external id and the fields with a value, each clipped to Maileon's 255 characters.</summary>
    public static byte[] Write(MaileonContactData contact) => MaileonXml.Write(writer =>
    {
        writer.WriteStartElement("contact");
        if (contact.ExternalId is not null)
        {
            writer.WriteElementString("external_id", contact.ExternalId);
        }

        WriteFields(writer, "standard_fields", contact.StandardFields);
        WriteFields(writer, "custom_fields", contact.CustomFields);
        writer.WriteEndElement();
    });

    public static MaileonContact Parse(XElement root) => new(
        Id: MaileonXml.Int64(root, "id"),
        Email: MaileonXml.Text(root, "email"),
        ExternalId: MaileonXml.Text(root, "external_id") is { Length: > 0 } externalId ? externalId : null,
        Permission: ParsePermission(MaileonXml.Text(root, "permission")),
        Created: ParseTimestamp(MaileonXml.Text(root, "created")),
        Updated: ParseTimestamp(MaileonXml.Text(root, "updated")),
        StandardFields: MaileonXml.Fields(root.Element("standard_fields")),
        CustomFields: MaileonXml.Fields(root.Element("custom_fields")))
    {
        Anonymous = string.Equals((string?)root.Attribute("anonymous"), "true", StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>The code 1..6 of <c>&lt;permission&gt;</c>; contact-filter lists write the names (none, soi, …, doi+) instead.</summary>
    private static MaileonPermissionLevel? ParsePermission(string? text)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
        {
            return code is >= 1 and <= 6 ? (MaileonPermissionLevel)code : null;
        }

        return text?.Trim().ToUpperInvariant() switch
        {
            "NONE" => MaileonPermissionLevel.None,
            "SOI" => MaileonPermissionLevel.SingleOptIn,
            "COI" => MaileonPermissionLevel.ConfirmedOptIn,
            "DOI" => MaileonPermissionLevel.DoubleOptIn,
            "DOI+" => MaileonPermissionLevel.DoubleOptInPlus,
            "OTHER" => MaileonPermissionLevel.Other,
            _ => null,
        };
    }

    private static DateTime? ParseTimestamp(string? text) =>
        DateTime.TryParseExact(text?.Trim(), TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : null;

    private static void WriteFields(XmlWriter writer, string element, IReadOnlyDictionary<string, string?> fields)
    {
        var present = fields.Where(f => f.Value is not null).ToArray();
        if (present.Length == 0)
        {
            return;
        }

        writer.WriteStartElement(element);
        foreach (var (name, value) in present)
        {
            writer.WriteStartElement("field");
            writer.WriteElementString("name", name);
            MaileonXml.WriteValue(writer, MaileonLimits.Clip(value!, MaileonLimits.ContactFieldLength));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
