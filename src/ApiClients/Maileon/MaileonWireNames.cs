namespace PipedriveMaileon.ApiClients.Maileon;

internal static class MaileonWireNames
{
    public static string Of(MaileonCustomFieldType type) => type switch
    {
        MaileonCustomFieldType.String => "string",
        MaileonCustomFieldType.Integer => "integer",
        MaileonCustomFieldType.Float => "float",
        MaileonCustomFieldType.Date => "date",
        MaileonCustomFieldType.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Of(MaileonAttributeType type) => type switch
    {
        MaileonAttributeType.String => "string",
        MaileonAttributeType.Integer => "integer",
        MaileonAttributeType.Float => "float",
        MaileonAttributeType.Boolean => "boolean",
        MaileonAttributeType.Date => "date",
        MaileonAttributeType.Timestamp => "timestamp",
        MaileonAttributeType.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
