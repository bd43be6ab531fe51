using System.Globalization;
using System.Net;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>Transaction types (the schemas of contact events): read by name, create.</summary>
public sealed class MaileonTransactionTypes(MaileonTransport transport)
{
    /// <summary><c>GET /transactions/types/{name}</c> → <c>&lt;transaction_type&gt;</c>; null when no type has that name (404).</summary>
    public async Task<MaileonTransactionType?> GetTransactionTypeAsync(
        MaileonConnection connection,
        string name,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var reply = await transport.SendAsync(
            connection, "GetTransactionType", HttpMethod.Get, $"transactions/types/{UrlEncoding.Encode(name)}",
            null, null, MaileonTransport.XmlMediaType, false, cancellationToken);
        if (reply.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        MaileonTransport.EnsureSuccess("GetTransactionType", reply, connection);
        var root = MaileonTransport.ParseXml("GetTransactionType", reply);

        // One n8n version reads <mandatory>; Maileon's PHP, Java and .NET clients read <required>.
        var attributes = (root.Element("attributes")?.Elements("attribute") ?? [])
            .Select(a => new MaileonTransactionAttributeSpec(
                MaileonXml.Text(a, "name") ?? "",
                MaileonXml.Text(a, "type") ?? "",
                string.Equals(MaileonXml.Text(a, "required") ?? MaileonXml.Text(a, "mandatory"), "true", StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        return new MaileonTransactionType(
            MaileonXml.Int64(root, "id") ?? throw MaileonTransport.Unexpected("GetTransactionType", "the type has no id"),
            MaileonXml.Text(root, "name") ?? name,
            attributes);
    }

    /// <summary>
    /// <c>POST /transactions/types</c> (XML, no attribute ids). Returns the new type's id from the <c>&lt;id&gt;</c>
    /// answer, or null when Maileon does not send it (read it with <see cref="GetTransactionTypeAsync"/>). Not repeated
    /// here after a lost response.
    /// </summary>
    public async Task<long?> CreateTransactionTypeAsync(
        MaileonConnection connection,
        MaileonTransactionTypeDefinition definition,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var body = MaileonXml.Write(writer =>
        {
            writer.WriteStartElement("transaction_type");
            writer.WriteElementString("name", definition.Name);
            if (definition.Description is not null)
            {
                writer.WriteElementString("description", definition.Description);
            }

            if (definition.ArchivingDuration is { } days)
            {
                writer.WriteElementString("archivingDuration", days.ToString(CultureInfo.InvariantCulture));
            }

            if (definition.StoreOnly is { } storeOnly)
            {
                writer.WriteElementString("storeOnly", storeOnly ? "true" : "false");
            }

            writer.WriteStartElement("attributes");
            foreach (var attribute in definition.Attributes)
            {
                writer.WriteStartElement("attribute");
                writer.WriteElementString("name", attribute.Name);
                writer.WriteElementString("type", attribute.Type);
                writer.WriteElementString("required", attribute.Required ? "true" : "false");
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        var reply = await transport.SendAsync(
            connection, "CreateTransactionType", HttpMethod.Post, "transactions/types", body,
            MaileonTransport.XmlContentType, MaileonTransport.XmlMediaType, false, cancellationToken);
        MaileonTransport.EnsureSuccess("CreateTransactionType", reply, connection);
        return MaileonXml.CreatedId(reply.Body);
    }
}
