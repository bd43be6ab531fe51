using System.Text.Json.Nodes;
using PipedriveMaileon.Sandbox.Common;
using PipedriveMaileon.Sandbox.Maileon.Accounts;
using PipedriveMaileon.Sandbox.Maileon.Reports;
using PipedriveMaileon.Sandbox.Maileon.Webhooks;
using PipedriveMaileon.Sandbox.Maileon.Wire;

namespace PipedriveMaileon.Sandbox.Maileon.Contacts;

/// <summary>
/// The contact rules of the emulator, shared by the REST API, the console and the control API: upsert with
/// <c>sync_mode</c>, permission handling, the DOI process, unsubscription with anonymisation, and the webhooks these fire.
/// </summary>
public sealed class ContactService(
    MaileonStore store,
    SandboxClock clock,
    MaileonTime time,
    WebhookPayloadBuilder payloads,
    WebhookDispatcher dispatcher)
{
    public const int MaxExternalIdLength = 255;

    /// <summary><c>POST /contacts/email/{email}</c>.</summary>
    public ContactOutcome UpsertByEmail(long accountId, string email, ContactInput input, ContactWriteOptions write)
    {
        if (!EmailAddress.IsValid(email))
        {
            return ContactOutcome.Fail(StatusCodes.Status400BadRequest, $"Invalid email address: '{email}'.");
        }

        return Locked(accountId, (account, calls) =>
        {
            var fields = ValidateFields(account, input);
            return fields.Error is not null
                ? ContactOutcome.Fail(StatusCodes.Status400BadRequest, fields.Error)
                : Upsert(account, account.FindActiveByEmail(email), email, input, fields, write, calls);
        });
    }

    /// <summary><c>POST /contacts/externalid/{externalId}</c>: 409 when several contacts share the external id.</summary>
    public ContactOutcome UpsertByExternalId(long accountId, string externalId, ContactInput input, ContactWriteOptions write)
    {
        return Locked(accountId, (account, calls) =>
        {
            var fields = ValidateFields(account, input);
            if (fields.Error is not null)
            {
                return ContactOutcome.Fail(StatusCodes.Status400BadRequest, fields.Error);
            }

            var matches = account.FindActiveByExternalId(externalId);
            if (matches.Count > 1)
            {
                return ContactOutcome.Fail(StatusCodes.Status409Conflict, $"The external id '{externalId}' is not unique: {matches.Count} contacts have it.");
            }

            input.ExternalIdGiven = true;
            input.ExternalId = externalId;
            if (matches.Count == 1)
            {
                return Upsert(account, matches[0], matches[0].Email!, input, fields, write, calls);
            }

            if (!EmailAddress.IsValid(input.Email))
            {
                return ContactOutcome.Fail(StatusCodes.Status400BadRequest,
                    $"No contact has the external id '{externalId}' and the body carries no valid email to create one.");
            }

            var byEmail = account.FindActiveByEmail(input.Email!);
            return Upsert(account, byEmail, input.Email!, input, fields, write, calls);
        });
    }

    /// <summary><c>PUT /contacts/email/{email}</c>: updates (an <c>&lt;email&gt;</c> in the body changes the address).</summary>
    public ContactOutcome UpdateByEmail(long accountId, string email, ContactInput input, int? permission) =>
        Locked(accountId, (account, calls) => Update(account, account.FindActiveByEmail(email), email, input, permission, null, calls));

    /// <summary><c>PUT /contacts/externalid/{externalId}</c>.</summary>
    public ContactOutcome UpdateByExternalId(long accountId, string externalId, ContactInput input, int? permission) =>
        Locked(accountId, (account, calls) =>
        {
            var matches = account.FindActiveByExternalId(externalId);
            return matches.Count > 1
                ? ContactOutcome.Fail(StatusCodes.Status409Conflict, $"The external id '{externalId}' is not unique: {matches.Count} contacts have it.")
                : Update(account, matches.FirstOrDefault(), externalId, input, permission, null, calls);
        });

    /// <summary><c>PUT /contacts/contact?id=…&amp;triggerdoi=…</c>: update by Maileon id, optionally re-sending the DOI mail.</summary>
    public ContactOutcome UpdateById(long accountId, long id, ContactInput input, int? permission, ContactWriteOptions? doi) =>
        Locked(accountId, (account, calls) =>
        {
            var contact = account.Contacts.GetValueOrDefault(id);
            return Update(account, contact is { Anonymous: false } ? contact : null, id.ToString(System.Globalization.CultureInfo.InvariantCulture), input, permission, doi, calls);
        });

    /// <summary>Unsubscribes (and anonymises) the given contacts; fires <c>unsubscription</c> for each.</summary>
    /// <param name="mailingId">The sent (sealed) mailing the unsubscribe is counted for, if any; anything else is a 400.</param>
    public ContactOutcome Unsubscribe(
        long accountId, Func<NewsletterAccount, IReadOnlyList<MaileonContact>> select, string source, IReadOnlyList<string> reasons, string notFound, long? mailingId = null) =>
        Locked(accountId, (account, calls) =>
        {
            if (mailingId is { } id && account.Mailings.GetValueOrDefault(id) is not { IsSealed: true })
            {
                return ContactOutcome.Fail(StatusCodes.Status400BadRequest, $"Mailing with id {id} not found or not sent (sealed).");
            }

            var contacts = select(account);
            if (contacts.Count == 0)
            {
                return ContactOutcome.Fail(StatusCodes.Status404NotFound, notFound);
            }

            foreach (var contact in contacts)
            {
                UnsubscribeOne(account, contact, source, reasons, mailingId, calls);
            }

            return new ContactOutcome(StatusCodes.Status204NoContent, null, contacts[0].Id);
        });

    /// <summary>Hard delete: the contact disappears (no webhook; statistics change too).</summary>
    public ContactOutcome Delete(long accountId, Func<NewsletterAccount, IReadOnlyList<MaileonContact>> select, string notFound) =>
        Locked(accountId, (account, _) =>
        {
            var contacts = select(account);
            if (contacts.Count == 0)
            {
                return ContactOutcome.Fail(StatusCodes.Status404NotFound, notFound);
            }

            foreach (var contact in contacts)
            {
                account.Unindex(contact);
                account.Contacts.Remove(contact.Id);
                SupersedePendingMail(account, contact);
            }

            return new ContactOutcome(StatusCodes.Status204NoContent, null, contacts[0].Id);
        });

    /// <summary>The recipient follows the confirmation link of a DOI mail: permission 4 (or 5 with DOI+), <c>doi</c> fires.</summary>
    public ContactOutcome ConfirmDoi(long accountId, long mailId) =>
        Locked(accountId, (account, calls) =>
        {
            var mail = account.DoiMails.FirstOrDefault(m => m.Id == mailId);
            if (mail is null)
            {
                return ContactOutcome.Fail(StatusCodes.Status404NotFound, $"DOI mail {mailId} not found.");
            }

            if (!mail.Sent)
            {
                return ContactOutcome.Fail(StatusCodes.Status409Conflict, $"DOI mail {mailId} was never sent: {mail.Problem}");
            }

            if (mail.ConfirmedAt is not null)
            {
                return new ContactOutcome(StatusCodes.Status200OK, null, mail.ContactId, Ignored: true, DoiMailId: mail.Id);
            }

            var contact = account.Contacts.GetValueOrDefault(mail.ContactId);
            if (mail.Superseded || contact is null || contact.Anonymous || contact.PendingDoiMailId != mail.Id)
            {
                return ContactOutcome.Fail(StatusCodes.Status410Gone, $"The confirmation link of DOI mail {mailId} is no longer valid.");
            }

            var now = clock.UtcNow;
            mail.ConfirmedAt = now;
            contact.PendingDoiMailId = null;
            contact.Permission = Math.Max(Permission.IsDoi(contact.Permission) ? contact.Permission : 0, mail.DoiPlus ? Permission.DoubleOptInPlus : Permission.DoubleOptIn);
            contact.Updated = now;
            Fire(account, WebhookTrigger.For(contact, WebhookEvents.Doi, new Dictionary<string, JsonNode?>
            {
                ["timestamp"] = time.Seconds(now),
                ["msg_id"] = mail.Id,
                ["source"] = mail.Src,
                ["transaction_id"] = null,
                ["method"] = null,
                ["mailing_id"] = null,
                ["reason"] = null,
            }), calls);
            return new ContactOutcome(StatusCodes.Status200OK, null, contact.Id, DoiMailId: mail.Id);
        });

    private ContactOutcome Locked(long accountId, Func<NewsletterAccount, List<WebhookCall>, ContactOutcome> operation)
    {
        var calls = new List<WebhookCall>();
        ContactOutcome outcome;
        lock (store.Gate)
        {
            var account = store.FindAccount(accountId);
            outcome = account is null
                ? ContactOutcome.Fail(StatusCodes.Status404NotFound, $"Newsletter account {accountId} not found.")
                : operation(account, calls);
        }

        dispatcher.Enqueue(calls);
        return outcome;
    }

    private ContactOutcome Upsert(NewsletterAccount account, MaileonContact? existing, string email, ContactInput input, ValidatedFields fields, ContactWriteOptions write, List<WebhookCall> calls)
    {
        var now = clock.UtcNow;
        if (existing is null)
        {
            var contact = new MaileonContact
            {
                Id = store.NextContactId(),
                AccountId = account.Id,
                Email = email,
                ExternalId = input.ExternalIdGiven ? input.ExternalId : null,
                Created = now,
                Updated = now,
                Permission = write.Permission ?? Permission.None,
                Src = write.Src,
                SubscriptionPage = write.SubscriptionPage,
            };
            Apply(contact, fields);
            account.Contacts[contact.Id] = contact;
            account.Index(contact);
            var mail = write.Doi ? MaybeStartDoi(account, contact, write) : null;
            return new ContactOutcome(StatusCodes.Status201Created, null, contact.Id, Created: true, DoiMailId: mail?.Id);
        }

        if (write.SyncMode == 2)
        {
            return new ContactOutcome(StatusCodes.Status201Created, null, existing.Id, Ignored: true);
        }

        if (input.ExternalIdGiven)
        {
            existing.ExternalId = input.ExternalId;
        }

        Apply(existing, fields);
        ApplyPermission(existing, write.Permission);
        existing.Updated = now;
        var resent = write.Doi ? MaybeStartDoi(account, existing, write) : null;
        return new ContactOutcome(StatusCodes.Status201Created, null, existing.Id, DoiMailId: resent?.Id);
    }

    private ContactOutcome Update(NewsletterAccount account, MaileonContact? contact, string reference, ContactInput input, int? permission, ContactWriteOptions? doi, List<WebhookCall> calls)
    {
        if (contact is null)
        {
            return ContactOutcome.Fail(StatusCodes.Status404NotFound, $"Contact '{reference}' not found.");
        }

        var fields = ValidateFields(account, input);
        if (fields.Error is not null)
        {
            return ContactOutcome.Fail(StatusCodes.Status400BadRequest, fields.Error);
        }

        if (input.Email is not null && !string.Equals(input.Email, contact.Email, StringComparison.OrdinalIgnoreCase))
        {
            if (!EmailAddress.IsValid(input.Email))
            {
                return ContactOutcome.Fail(StatusCodes.Status400BadRequest, $"Invalid email address: '{input.Email}'.");
            }

            if (account.FindActiveByEmail(input.Email) is not null)
            {
                return ContactOutcome.Fail(StatusCodes.Status409Conflict, $"A contact with the email '{input.Email}' exists already.");
            }

            account.Unindex(contact);
            contact.Email = input.Email;
            account.Index(contact);
        }

        if (input.ExternalIdGiven)
        {
            contact.ExternalId = input.ExternalId;
        }

        Apply(contact, fields);
        ApplyPermission(contact, permission);
        contact.Updated = clock.UtcNow;
        var mail = doi is not null ? MaybeStartDoi(account, contact, doi) : null;
        return new ContactOutcome(StatusCodes.Status201Created, null, contact.Id, DoiMailId: mail?.Id);
    }

    /// <summary>A permission sent for an existing contact that already has DOI (4/5) may only raise 4 to 5.</summary>
    private static void ApplyPermission(MaileonContact contact, int? requested)
    {
        if (requested is not { } permission)
        {
            return;
        }

        if (Permission.IsDoi(contact.Permission) && (!Permission.IsDoi(permission) || permission < contact.Permission))
        {
            return;
        }

        contact.Permission = permission;
    }

    private DoiMail? MaybeStartDoi(NewsletterAccount account, MaileonContact contact, ContactWriteOptions write)
    {
        if (Permission.IsDoi(contact.Permission) && !store.Behaviour.SendDoiMailWhenPermissionValid)
        {
            return null;
        }

        SupersedePendingMail(account, contact);
        var known = write.DoiMailing is null ? account.DoiMailingKeys.Count > 0 : account.DoiMailingKeys.Contains(write.DoiMailing, StringComparer.Ordinal);
        var mail = new DoiMail
        {
            Id = store.NextMessageId(),
            AccountId = account.Id,
            ContactId = contact.Id,
            Email = contact.Email!,
            MailingKey = write.DoiMailing,
            Sent = known,
            Problem = known ? null
                : write.DoiMailing is null ? "the account has no default DOI mailing" : $"no active DOI mailing has the key '{write.DoiMailing}'",
            Src = write.Src,
            SubscriptionPage = write.SubscriptionPage,
            DoiPlus = write.DoiPlus,
            RequestedAt = clock.UtcNow,
            Token = MaileonStore.NewToken(),
        };
        account.DoiMails.Add(mail);
        if (known)
        {
            contact.PendingDoiMailId = mail.Id;
        }

        return mail;
    }

    private static void SupersedePendingMail(NewsletterAccount account, MaileonContact contact)
    {
        if (contact.PendingDoiMailId is { } pending && account.DoiMails.FirstOrDefault(m => m.Id == pending) is { } mail)
        {
            mail.Superseded = true;
        }

        contact.PendingDoiMailId = null;
    }

    private void UnsubscribeOne(NewsletterAccount account, MaileonContact contact, string source, IReadOnlyList<string> reasons, long? mailingId, List<WebhookCall> calls)
    {
        var now = clock.UtcNow;
        var lastMail = account.DoiMails.LastOrDefault(m => m.ContactId == contact.Id && m.Sent);
        var sentMessage = mailingId is { } sent ? account.Mailings[sent].Recipients.FirstOrDefault(r => r.ContactId == contact.Id)?.MessageId : null;
        var messageId = sentMessage ?? (source == "link" ? lastMail?.Id : null);
        account.Unsubscriptions.Add(new Unsubscription
        {
            ContactId = contact.Id,
            Email = contact.Email,
            ExternalId = contact.ExternalId,
            Timestamp = now,
            Source = source,
            MailingId = mailingId,
            MessageId = messageId,
            Reasons = [.. reasons],
        });
        Fire(account, WebhookTrigger.For(contact, WebhookEvents.Unsubscription, new Dictionary<string, JsonNode?>
        {
            ["timestamp"] = time.Seconds(now),
            ["msg_id"] = messageId,
            ["source"] = source,
            ["method"] = source,
            ["transaction_id"] = null,
            ["mailing_id"] = mailingId,
            ["reason"] = reasons.Count == 0 ? null : string.Join(",", reasons),
        }), calls);

        account.Unindex(contact);
        SupersedePendingMail(account, contact);
        contact.Email = null;
        contact.ExternalId = null;
        contact.StandardFields.Clear();
        contact.CustomFields.Clear();
        contact.Anonymous = true;
        contact.Updated = now;
    }

    private void Fire(NewsletterAccount account, WebhookTrigger trigger, List<WebhookCall> calls)
    {
        foreach (var webhook in account.Webhooks.Values.Where(w => w.Event == trigger.Event).OrderBy(w => w.Id))
        {
            calls.Add(payloads.Build(store.Generation, webhook, trigger));
        }
    }

    private static void Apply(MaileonContact contact, ValidatedFields fields)
    {
        foreach (var (name, value) in fields.Standard)
        {
            if (string.IsNullOrEmpty(value))
            {
                contact.StandardFields.Remove(name);
            }
            else
            {
                contact.StandardFields[name] = value;
            }
        }

        foreach (var (name, value) in fields.Custom)
        {
            if (string.IsNullOrEmpty(value))
            {
                contact.CustomFields.Remove(name);
            }
            else
            {
                contact.CustomFields[name] = value;
            }
        }
    }

    private static ValidatedFields ValidateFields(NewsletterAccount account, ContactInput input)
    {
        if (input.ExternalIdGiven && input.ExternalId is { Length: > MaxExternalIdLength })
        {
            return ValidatedFields.Invalid($"The external id is too long: {input.ExternalId.Length} characters, at most {MaxExternalIdLength} are allowed.");
        }

        var standard = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in input.StandardFields)
        {
            var upper = name.ToUpperInvariant();
            if (!StandardFields.IsKnown(upper))
            {
                return ValidatedFields.Invalid($"Unknown standard field: {name}");
            }

            if (StandardFields.IsReadOnly(upper))
            {
                return ValidatedFields.Invalid($"The standard field {upper} is read-only.");
            }

            if (!string.IsNullOrEmpty(value) && StandardFields.Validate(upper, value) is { } problem)
            {
                return ValidatedFields.Invalid(problem);
            }

            standard[upper] = value;
        }

        var custom = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in input.CustomFields)
        {
            var definition = account.FindCustomField(name);
            if (definition is null)
            {
                return ValidatedFields.Invalid($"Unknown custom field: {name} (custom fields must be created before they are written; names are case-sensitive).");
            }

            if (value is null)
            {
                custom[name] = null;
                continue;
            }

            if (!CustomFieldTypes.TryNormalise(name, definition.Type, value, out var normalised, out var problem))
            {
                return ValidatedFields.Invalid(problem!);
            }

            custom[name] = normalised;
        }

        return new ValidatedFields(null, standard, custom);
    }

    private sealed record ValidatedFields(string? Error, IReadOnlyDictionary<string, string?> Standard, IReadOnlyDictionary<string, string?> Custom)
    {
        public static ValidatedFields Invalid(string error) =>
            new(error, new Dictionary<string, string?>(), new Dictionary<string, string?>());
    }
}
