using System.Text.Json;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary>
/// One event of <c>POST /transactions</c> as JSON, and the reports Maileon answers with
/// (docs: "Create Transactions"; Maileon's PHP client <c>ProcessingReport</c>/<c>ReportContact</c>).
/// </summary>
internal static class MaileonTransactionJson
{
    /// <summary><c>{"typeName":…,"contact":{"id"|"external_id"|"email":…},"content":{…,"transaction_id"?}}</c>.</summary>
    public static byte[] Encode(MaileonTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("typeName", transaction.TypeName);
            writer.WriteStartObject("contact");
            if (transaction.Contact.ContactId is { } id)
            {
                writer.WriteNumber("id", id);
            }
            else if (transaction.Contact.ExternalId is { } externalId)
            {
                writer.WriteString("external_id", externalId);
            }
            else
            {
                writer.WriteString("email", transaction.Contact.Email);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("content");
            foreach (var (name, value) in transaction.Content)
            {
                if (transaction.TransactionId is not null && name == "transaction_id")
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            if (transaction.TransactionId is { } transactionId)
            {
                writer.WriteString("transaction_id", transactionId);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static MaileonTransactionReport ParseReport(JsonElement report)
    {
        var contact = JsonValues.Property(report, "contact");
        return new MaileonTransactionReport(
            Queued: JsonValues.Boolean(report, "queued") ?? false,
            Message: JsonValues.String(report, "message"),
            TransactionId: JsonValues.String(report, "transaction_id"),
            ContactId: contact is { } c1 ? JsonValues.Int64(c1, "id") : null,
            ContactEmail: contact is { } c2 ? JsonValues.String(c2, "email") : null,
            ContactExternalId: contact is { } c3 ? JsonValues.String(c3, "external_id") : null);
    }

    /// <summary>The stand-in report of an event Maileon gave no report for.</summary>
    public static MaileonTransactionReport NotSent(MaileonTransaction transaction, ApiFailureKind kind, string message) => new(
        Queued: false,
        Message: message,
        TransactionId: transaction.TransactionId,
        ContactId: transaction.Contact.ContactId,
        ContactEmail: transaction.Contact.Email,
        ContactExternalId: transaction.Contact.ExternalId,
        NotSent: kind);
}
