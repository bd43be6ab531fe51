namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>A custom contact field. <see cref="Type"/> is Maileon's name (<c>string</c>, <c>integer</c>, ...). Names are case-sensitive.</summary>
public sealed record MaileonCustomField(string Name, string Type)
{
    public bool HasType(MaileonCustomFieldType type) => string.Equals(Type, MaileonWireNames.Of(type), StringComparison.OrdinalIgnoreCase);
}
