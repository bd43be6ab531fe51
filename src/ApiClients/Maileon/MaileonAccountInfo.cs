using System.Text.Json;
using PipedriveMaileon.ApiClients.Wire;

namespace PipedriveMaileon.ApiClients.Maileon;

/// <summary><c>GET /account/info</c>: which newsletter account a key belongs to.</summary>
public sealed record MaileonAccountInfo(
    long Id,
    string? Name,
    long? CustomerAccountId,
    string? CustomerAccountName,
    string? MailingDomain,
    string? LoginDomain,
    string? Locale,
    string? Type,
    DateTimeOffset? Created)
{
    internal static MaileonAccountInfo Parse(JsonElement root) => new(
        Id: JsonValues.Int64(root, "id") ?? throw new JsonException("The account info has no id."),
        Name: JsonValues.String(root, "name"),
        CustomerAccountId: JsonValues.Int64(root, "customer_account_id"),
        CustomerAccountName: JsonValues.String(root, "customer_account_name"),
        MailingDomain: JsonValues.String(root, "mailing_domain"),
        LoginDomain: JsonValues.String(root, "login_domain"),
        Locale: JsonValues.String(root, "locale"),
        Type: JsonValues.String(root, "type"),
        Created: ParseCreated(JsonValues.String(root, "created")));

    // "2020-07-06T09:41:00+0200": an offset without a colon, which the ISO parser rejects.
    private static DateTimeOffset? ParseCreated(string? text)
    {
        if (text is { Length: > 5 } && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = text.Insert(text.Length - 2, ":");
        }

        return JsonValues.ParseTimestamp(text);
    }
}
