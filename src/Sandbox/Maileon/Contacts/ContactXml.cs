using System.Xml.Linq;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>Writes contacts as Maileon's GET answers them (Get Contact By Email page).</summary>
public sealed class ContactXml(MaileonTime time)
{
    public XElement Write(MaileonContact contact, IReadOnlyList<string> standardFields, IReadOnlyList<string> customFields)
    {
        var element = new XElement("contact",
            new XElement("id", contact.Id),
            contact.Email is null ? Nil("email") : new XElement("email", contact.Email),
            contact.ExternalId is null ? Nil("external_id") : new XElement("external_id", contact.ExternalId),
            new XElement("created", time.ContactTimestamp(contact.Created)),
            new XElement("updated", time.ContactTimestamp(contact.Updated)),
            new XElement("permission", contact.Permission));
        if (contact.Anonymous)
        {
            element.SetAttributeValue("anonymous", "true");
        }

        element.Add(new XElement("standard_fields", standardFields.Select(name =>
        {
            var value = StandardValue(contact, name);
            return new XElement("field", new XElement("name", name), value is null ? Nil("value") : new XElement("value", value));
        })));
        element.Add(new XElement("custom_fields", customFields
            .Where(name => contact.CustomFields.ContainsKey(name))
            .Select(name => new XElement("field", new XElement("name", name), new XElement("value", contact.CustomFields[name])))));
        return element;
    }

    public static string? StandardValue(MaileonContact contact, string upperName) => upperName switch
    {
        "PERMISSION_STATUS" => contact.Anonymous ? "unsubscribed" : Permission.Status(contact.Permission),
        "SENDOUT_STATUS" => "allowed",
        _ => contact.StandardFields.GetValueOrDefault(upperName),
    };

    private static XElement Nil(string name) => new(name, new XAttribute("nil", "true"));
}
