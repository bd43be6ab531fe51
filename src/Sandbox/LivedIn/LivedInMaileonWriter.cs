using System.Globalization;
using PipedriveMaileon.Sandbox.Maileon;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Contacts;
using PipedriveMaileon.Sandbox.Maileon.Reports;
using PipedriveMaileon.Sandbox.Maileon.Transactions;

namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// Writes the planned Maileon side into the store directly (no webhooks): the incumbent's custom fields and the three
/// deal event types built to the seed's table, and a contact per address that Maileon holds, as the API would show
/// it. Unsubscribed contacts are anonymised with their unsubscription in the report; an incumbent's DOI still waiting
/// for its click has its DOI mail, so the sandbox can confirm it. Call under the store's gate.
/// </summary>
internal static class LivedInMaileonWriter
{
    /// <summary>The seed's table for the deal event types: <c>value</c> integer, <c>expected_close_date</c> string, <c>timestamp</c> for "datetime".</summary>
    public static readonly IReadOnlyList<(string Name, string Type)> SeedAttributes =
    [
        ("deal_id", "integer"), ("title", "string"), ("value", "integer"), ("currency", "string"), ("status", "string"), ("person_name", "string"),
        ("org_name", "string"), ("owner_name", "string"), ("cc_email", "string"), ("expected_close_date", "string"), ("timestamp", "timestamp"),
    ];

    public static readonly IReadOnlyList<string> DealTypes = ["pipedrive_deal_added", "pipedrive_deal_updated", "pipedrive_deal_deleted"];

    private static readonly (string Name, string Type)[] CustomFields =
        [("createdByPipedrive", "boolean"), ("pipedriveId", "integer"), ("owner_name", "string"), ("owner_email", "string"), ("shop_customer_id", "integer")];

    public static void Schema(MaileonStore store, NewsletterAccount account, DateTimeOffset now)
    {
        foreach (var (name, type) in CustomFields.Where(f => account.FindCustomField(f.Name) is null))
        {
            account.CustomFields.Add(new CustomFieldDefinition { Name = name, Type = type });
        }

        foreach (var name in DealTypes.Where(n => account.FindTransactionType(n) is null))
        {
            var type = new TransactionType { Id = store.NextTransactionTypeId(), Name = name, Created = now.AddDays(-1500) };
            type.Attributes.AddRange(SeedAttributes.Select(a => new TransactionAttribute
            {
                Id = store.NextAttributeId(),
                Name = a.Name,
                Type = a.Type,
                Required = a.Name == "deal_id",
            }));
            account.TransactionTypes[type.Id] = type;
        }
    }

    /// <summary>The contacts Maileon holds for one address (an earlier, anonymised one first when it had unsubscribed before).</summary>
    public static List<MaileonContact> Contacts(MaileonStore store, NewsletterAccount account, PlannedAddress address, ContactHolder? holder, DateTimeOffset now)
    {
        var contacts = new List<MaileonContact>();
        var created = now.AddDays(-address.DaysAgo).AddHours(-1);
        if (address.EarlierUnsubscription)
        {
            var earlier = Contact(store, account, address, holder, created.AddDays(-400), Permission.DoubleOptIn);
            Unsubscribe(account, earlier, created.AddDays(-30), "link");
            contacts.Add(earlier);
        }

        var contact = Contact(store, account, address, holder, created, PermissionOf(address.Side));
        contacts.Add(contact);
        if (address.Side == MaileonSide.Unsubscribed)
        {
            Unsubscribe(account, contact, now.AddDays(-address.DaysAgo / 2.0), (address.Number % 3) switch { 0 => "link", 1 => "api", _ => "manual" });
        }
        else if (address.Side == MaileonSide.None && address.Origin == ContactOrigin.Incumbent && address.Holder?.Mark == NewsletterMark.AwaitingConfirmation)
        {
            WaitingDoiMail(store, account, contact);
        }

        return contacts;
    }

    private static MaileonContact Contact(MaileonStore store, NewsletterAccount account, PlannedAddress address, ContactHolder? holder, DateTimeOffset created, int permission)
    {
        var contact = new MaileonContact
        {
            Id = store.NextContactId(),
            AccountId = account.Id,
            Email = address.Key,
            Created = created,
            Updated = created.AddDays(1),
            Permission = permission,
            Src = address.Origin == ContactOrigin.Incumbent ? "pipedrive-app" : "import",
        };
        contact.StandardFields["FIRSTNAME"] = address.FirstName;
        contact.StandardFields["LASTNAME"] = address.LastName;
        contact.StandardFields["FULLNAME"] = $"{address.FirstName} {address.LastName}";
        if (holder?.Organization is { } organization)
        {
            contact.StandardFields["ORGANIZATION"] = organization;
        }

        switch (address.Origin)
        {
            case ContactOrigin.Incumbent when holder is not null:
                contact.ExternalId = string.Create(CultureInfo.InvariantCulture, $"{holder.CompanyId}_{holder.PersonId}");
                contact.CustomFields["createdByPipedrive"] = "true";
                contact.CustomFields["pipedriveId"] = holder.CompanyId.ToString(CultureInfo.InvariantCulture);
                contact.CustomFields["owner_name"] = holder.OwnerName;
                contact.CustomFields["owner_email"] = holder.OwnerEmail;
                break;
            case ContactOrigin.OtherSystem:
                contact.ExternalId = string.Create(CultureInfo.InvariantCulture, $"shop-{address.Number}");
                contact.CustomFields["shop_customer_id"] = address.Number.ToString(CultureInfo.InvariantCulture);
                if (address.CreatedByFalse)
                {
                    contact.CustomFields["createdByPipedrive"] = "false";
                }

                break;
        }

        account.Contacts[contact.Id] = contact;
        account.Index(contact);
        return contact;
    }

    private static void Unsubscribe(NewsletterAccount account, MaileonContact contact, DateTimeOffset at, string source)
    {
        account.Unsubscriptions.Add(new Unsubscription
        {
            ContactId = contact.Id,
            Email = contact.Email,
            ExternalId = contact.ExternalId,
            Timestamp = at,
            Source = source,
        });
        account.Unindex(contact);
        contact.Email = null;
        contact.ExternalId = null;
        contact.StandardFields.Clear();
        contact.CustomFields.Clear();
        contact.Anonymous = true;
        contact.Updated = at;
    }

    private static void WaitingDoiMail(MaileonStore store, NewsletterAccount account, MaileonContact contact)
    {
        var mail = new DoiMail
        {
            Id = store.NextMessageId(),
            AccountId = account.Id,
            ContactId = contact.Id,
            Email = contact.Email!,
            Sent = account.DoiMailingKeys.Count > 0,
            Problem = account.DoiMailingKeys.Count > 0 ? null : "the account has no default DOI mailing",
            Src = "pipedrive-app",
            SubscriptionPage = "pipedrive",
            RequestedAt = contact.Created,
            Token = MaileonStore.NewToken(),
        };
        account.DoiMails.Add(mail);
        contact.PendingDoiMailId = mail.Sent ? mail.Id : null;
    }

    private static int PermissionOf(MaileonSide side) => side switch
    {
        MaileonSide.None => Permission.None,
        MaileonSide.Soi => Permission.SingleOptIn,
        MaileonSide.Coi => Permission.ConfirmedOptIn,
        MaileonSide.DoiPlus => Permission.DoubleOptInPlus,
        MaileonSide.Other => Permission.Other,
        _ => Permission.DoubleOptIn,
    };
}
