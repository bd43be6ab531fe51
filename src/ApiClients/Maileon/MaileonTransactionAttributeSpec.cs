namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>An attribute of a transaction type. <see cref="Type"/> is Maileon's name (<c>string</c>, <c>timestamp</c>, ...).</summary>
public sealed record MaileonTransactionAttributeSpec(string Name, string Type, bool Required)
{
    public MaileonTransactionAttributeSpec(string name, MaileonAttributeType type, bool required)
        : this(name, MaileonWireNames.Of(type), required)
    {
    }
}
