using System.Text.Json.Serialization;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Mailings;
using PipedriveMaileon.Sandbox.Maileon.Reports;
using PipedriveMaileon.Sandbox.Maileon.Transactions;
using PipedriveMaileon.Sandbox.Maileon.Webhooks;

namespace PipedriveMaileon.Sandbox.Maileon.Accounts;

/// <summary>One Maileon newsletter account and everything in it. Mutated only under <see cref="MaileonStore.Gate"/>.</summary>
public sealed class NewsletterAccount
{
    public long Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public long CustomerAccountId { get; set; }
    public string CustomerAccountName { get; set; } = string.Empty;
    public string MailingDomain { get; set; } = "sandbox.maileon.test";
    public string LoginDomain { get; set; } = "sandbox-maileon.maileon.test";
    public string Locale { get; set; } = "de_DE";
    public string Type { get; set; } = "demo";
    public DateTimeOffset Created { get; set; }

    /// <summary>A blocked account's keys are refused with 401, as Maileon documents.</summary>
    public bool Blocked { get; set; }

    public List<string> DoiMailingKeys { get; set; } = [];

    public Dictionary<long, MaileonContact> Contacts { get; set; } = [];
    public List<CustomFieldDefinition> CustomFields { get; set; } = [];
    public Dictionary<long, TransactionType> TransactionTypes { get; set; } = [];
    public List<StoredTransaction> Transactions { get; set; } = [];
    public List<ImportRecord> Imports { get; set; } = [];
    public Dictionary<long, Webhook> Webhooks { get; set; } = [];
    public List<DoiMail> DoiMails { get; set; } = [];
    public List<Unsubscription> Unsubscriptions { get; set; } = [];
    public Dictionary<long, Mailing> Mailings { get; set; } = [];

    /// <summary>Opens, clicks and bounces of the account's sendouts, in the order they happened.</summary>
    public List<TrackingEvent> Tracking { get; set; } = [];

    /// <summary>Active (not anonymised) contacts by lower-cased email; rebuilt after a snapshot import.</summary>
    [JsonIgnore]
    public Dictionary<string, MaileonContact> ActiveByEmail { get; } = new(StringComparer.Ordinal);

    public MaileonContact? FindActiveByEmail(string email) =>
        ActiveByEmail.GetValueOrDefault(EmailKey(email));

    public IReadOnlyList<MaileonContact> FindActiveByExternalId(string externalId) =>
        Contacts.Values.Where(c => !c.Anonymous && string.Equals(c.ExternalId, externalId, StringComparison.Ordinal))
            .OrderBy(c => c.Id).ToList();

    public void Index(MaileonContact contact)
    {
        if (!contact.Anonymous && contact.Email is not null)
        {
            ActiveByEmail[EmailKey(contact.Email)] = contact;
        }
    }

    public void Unindex(MaileonContact contact)
    {
        if (contact.Email is not null && ActiveByEmail.TryGetValue(EmailKey(contact.Email), out var indexed) && indexed.Id == contact.Id)
        {
            ActiveByEmail.Remove(EmailKey(contact.Email));
        }
    }

    public void RebuildIndexes()
    {
        ActiveByEmail.Clear();
        foreach (var contact in Contacts.Values.OrderBy(c => c.Id))
        {
            Index(contact);
        }
    }

    public CustomFieldDefinition? FindCustomField(string name) =>
        CustomFields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public TransactionType? FindTransactionType(string idOrName)
    {
        if (long.TryParse(idOrName, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && TransactionTypes.TryGetValue(id, out var byId))
        {
            return byId;
        }

        return TransactionTypes.Values.FirstOrDefault(t => string.Equals(t.Name, idOrName, StringComparison.Ordinal));
    }

    /// <summary>Maileon matches addresses without regard to case; the stored address keeps the spelling it was given.</summary>
    private static string EmailKey(string email) => email.ToLowerInvariant();
}
