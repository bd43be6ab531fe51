using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Maileon.Contacts;

namespace PipedriveMaileon.Sandbox.Maileon.Webhooks;

/// <summary>
/// An event that fires the account's webhooks, with the contact's values captured when it happened (an
/// unsubscribed contact is anonymised right after, so the values cannot be read later).
/// </summary>
public sealed record WebhookTrigger(
    long AccountId,
    string Event,
    long ContactId,
    string? Email,
    string? ExternalId,
    IReadOnlyDictionary<string, string> StandardFields,
    IReadOnlyDictionary<string, string> CustomFields,
    IReadOnlyDictionary<string, JsonNode?> EventValues)
{
    public static WebhookTrigger For(MaileonContact contact, string eventName, IReadOnlyDictionary<string, JsonNode?> eventValues) =>
        new(contact.AccountId, eventName, contact.Id, contact.Email, contact.ExternalId,
            new Dictionary<string, string>(contact.StandardFields, StringComparer.Ordinal),
            new Dictionary<string, string>(contact.CustomFields, StringComparer.Ordinal),
            eventValues);
}
