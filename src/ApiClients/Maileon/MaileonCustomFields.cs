using System.Net;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Custom contact fields: list and create.</summary>
public sealed class MaileonCustomFields(MaileonTransport transport)
{
    /// <summary><c>GET /contacts/fields/custom</c> → <c>&lt;custom_fields&gt;&lt;custom_field&gt;&lt;name/&gt;&lt;type/&gt;…</c>.</summary>
    public async Task<IReadOnlyList<MaileonCustomField>> ListCustomFieldsAsync(MaileonConnection connection, CancellationToken cancellationToken = default)
    {
        var reply = await transport.SendAsync(
            connection, "ListCustomFields", HttpMethod.Get, "contacts/fields/custom", null, null, MaileonTransport.XmlMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("ListCustomFields", reply, connection);
        if (string.IsNullOrWhiteSpace(reply.Body))
        {
            return [];
        }

        return MaileonTransport.ParseXml("ListCustomFields", reply).Elements("custom_field")
            .Select(f => MaileonXml.Text(f, "name") is { Length: > 0 } name ? new MaileonCustomField(name, MaileonXml.Text(f, "type") ?? "") : null)
            .OfType<MaileonCustomField>()
            .ToArray();
    }

    /// <summary>
    /// <c>POST /contacts/fields/custom/{name}?type=..</c> (empty body). Maileon does not document how it refuses an
    /// existing name, so a 409, or a 400 for a field that the list then shows, returns the existing definition;
    /// compare its type with what you need.
    /// </summary>
    public async Task<MaileonCustomField> CreateCustomFieldAsync(
        MaileonConnection connection,
        string name,
        MaileonCustomFieldType type,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var typeName = MaileonWireNames.Of(type);
        var reply = await transport.SendAsync(
            connection, "CreateCustomField", HttpMethod.Post,
            $"contacts/fields/custom/{UrlEncoding.Encode(name)}{new QueryString().Add("type", typeName)}",
            [], MaileonTransport.XmlContentType, MaileonTransport.XmlMediaType, true, cancellationToken);
        if (reply.IsSuccess)
        {
            return new MaileonCustomField(name, typeName);
        }

        if (reply.Status is HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
        {
            var existing = (await ListCustomFieldsAsync(connection, cancellationToken))
                .FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
            if (existing is not null)
            {
                return existing;
            }
        }

        throw MaileonTransport.Failure("CreateCustomField", reply, connection);
    }
}
