using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Sends one deal event to Maileon (one outbox entry of a deal grain), deciding on the way whether it may be sent:
/// deal events on, the types in place and matching, the deal's person known and already a Maileon contact (the app
/// never creates contacts or grants permissions through events). Looks up what the webhook lacks: the person's
/// email and name, organisation and owner names, the deal's Smart BCC address. A retry first asks Maileon whether
/// an earlier attempt landed (by <c>transaction_id</c>), so an event is not stored twice. The event goes out through
/// <c>send</c> (the grain passes the tenant's batching grain) or, without it, alone through the gateway. Plain class:
/// one per grain activation, driven by tests through a fake <see cref="IDealGateway"/>.
/// </summary>
public sealed class DealEventSender(
    IDealGateway gateway,
    Func<Task<DealTransactionTypesResult>> ensureTypes,
    Func<Task> forgetTypes,
    long companyId,
    TimeProvider time,
    Func<MaileonTransaction, CancellationToken, Task<MaileonTransactionReport>>? send = null)
{
    private static readonly TimeSpan PersonLifetime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ContactLifetime = TimeSpan.FromMinutes(10);

    private readonly Dictionary<long, (PipedrivePerson? Person, DateTimeOffset At)> persons = [];
    private readonly Dictionary<string, (MaileonContact Contact, DateTimeOffset At)> contacts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The deal's Smart BCC address when known (kept in the grain state: it never changes for a deal).</summary>
    public string? KnownSmartBccEmail { get; set; }

    public async Task<DealSendResult> SendAsync(DealWork work, int previousAttempts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var typeName = DealTransactionTypes.NameOf(work.Kind);
        var what = $"Deal {work.Deal.Id} {Verb(work.Kind)}";
        var personId = work.Deal.PersonId;
        try
        {
            var tenant = await gateway.GetTenantAsync();
            if (!tenant.Configured)
            {
                return Skipped($"{what}: not sent to Maileon, {tenant.Problem}.", ActivityLevel.Warning, personId);
            }

            if (!tenant.DealEventsEnabled)
            {
                return Skipped($"{what}: not sent to Maileon, deal events are turned off in the settings.", ActivityLevel.Info, personId);
            }

            if (personId is not { } person)
            {
                return Skipped($"{what}: not sent to Maileon, the deal has no person.", ActivityLevel.Warning, null);
            }

            var types = await ensureTypes();
            switch (types.Status)
            {
                case DealTransactionTypesStatus.Mismatch:
                    return new DealSendResult(EffectOutcome.Fail($"{what}: not sent. {types.Message}"), false, ActivityLevel.Error, personId);
                case DealTransactionTypesStatus.NotConfigured:
                    return Skipped($"{what}: not sent to Maileon. {types.Message}", ActivityLevel.Warning, personId);
                case DealTransactionTypesStatus.Unavailable:
                    return new DealSendResult(
                        types.Retryable ? EffectOutcome.Retry($"{what}: {types.Message}", types.RetryAfter) : EffectOutcome.Fail($"{what}: {types.Message}"),
                        false, ActivityLevel.Error, personId);
            }

            if (types.Find(typeName) is not { } type)
            {
                return new DealSendResult(EffectOutcome.Retry($"{what}: the contact event type {typeName} is not known yet."), false, ActivityLevel.Error, personId);
            }

            var pipedrivePerson = await PersonAsync(person, cancellationToken);
            if (pipedrivePerson is null)
            {
                return Skipped($"{what}: not sent to Maileon, person {person} no longer exists in Pipedrive.", ActivityLevel.Warning, personId);
            }

            if (pipedrivePerson.PrimaryEmail is not { } email)
            {
                return Skipped($"{what}: not sent to Maileon, person {person} has no email address and so no Maileon contact.", ActivityLevel.Warning, personId);
            }

            var contact = await ContactAsync(email, cancellationToken);
            if (contact is null)
            {
                return Skipped($"{what}: not sent to Maileon, person {person} is not a Maileon contact (events never create contacts).", ActivityLevel.Warning, personId);
            }

            string? learnedBcc = null;
            var ccEmail = work.Deal.SmartBccEmail ?? KnownSmartBccEmail;
            if (ccEmail is null && work.Kind != DealWorkKind.Deleted)
            {
                learnedBcc = await OptionalAsync(async () => (await gateway.GetDealAsync(work.Deal.Id, cancellationToken))?.SmartBccEmail);
                ccEmail = learnedBcc;
            }

            var names = new DealEventNames(
                PersonName: pipedrivePerson.Name,
                OrgName: work.Deal.OrgName is null && work.Deal.OrgId is { } org ? await OptionalAsync(() => gateway.GetOrganizationNameAsync(org, cancellationToken)) : null,
                OwnerName: work.Deal.OwnerName is null && work.Deal.OwnerId is { } owner ? await OptionalAsync(() => gateway.GetUserNameAsync(owner, cancellationToken)) : null,
                CcEmail: ccEmail);

            var transactionId = type.SupportsTransactionId ? DealEventMapper.TransactionId(companyId, work.Deal.Id, work.EventId) : null;
            if (previousAttempts > 0 && transactionId is not null && await gateway.TransactionExistsAsync(type.Id, transactionId, cancellationToken))
            {
                return new DealSendResult(EffectOutcome.Done($"{what}: sent to Maileon as {typeName} for person {person} (an earlier attempt had arrived)."), true, ActivityLevel.Info, personId, learnedBcc);
            }

            var reference = contact.Id is { } contactId ? MaileonContactReference.ById(contactId) : MaileonContactReference.ByEmail(email);
            var transaction = new MaileonTransaction(reference, typeName, DealEventMapper.Content(work, names), transactionId);
            var report = send is not null
                ? await send(transaction, cancellationToken)
                : (await gateway.SendTransactionsAsync([transaction], cancellationToken)) is { Count: > 0 } reports ? reports[0] : null;
            return Interpret(report, what, typeName, person, email, learnedBcc);
        }
        catch (ApiClientException ex)
        {
            return new DealSendResult(ApiFailureOutcome.Of(what, ex), false, ActivityLevel.Error, personId);
        }
    }

    private DealSendResult Interpret(MaileonTransactionReport? report, string what, string typeName, long person, string email, string? learnedBcc)
    {
        if (report is null)
        {
            return new DealSendResult(EffectOutcome.Retry($"{what}: Maileon returned no report for the event."), false, ActivityLevel.Error, person, learnedBcc);
        }

        if (report.Queued)
        {
            return new DealSendResult(EffectOutcome.Done($"{what}: sent to Maileon as {typeName} for person {person}."), true, ActivityLevel.Info, person, learnedBcc);
        }

        var message = report.Message ?? "no reason given";
        if (report.NotSent is { } kind)
        {
            var outcome = kind switch
            {
                ApiFailureKind.Transient => EffectOutcome.Retry($"{what}: not sent ({message})."),
                ApiFailureKind.RateLimited => EffectOutcome.Throttle($"{what}: not sent ({message})."),
                ApiFailureKind.Unauthorized or ApiFailureKind.Forbidden =>
                    EffectOutcome.Retry($"{what}: Maileon refused the API key ({message}); waiting for the admin.", TimeSpan.FromMinutes(5)),
                _ => EffectOutcome.Fail($"{what}: not sent ({message})."),
            };
            return new DealSendResult(outcome, false, ActivityLevel.Error, person, learnedBcc);
        }

        if (message.Contains("contact", StringComparison.OrdinalIgnoreCase) && message.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            // The contact disappeared between the check and the send (e.g. an unsubscribe anonymised it).
            contacts.Remove(email);
            return Skipped($"{what}: not sent to Maileon, person {person} is no longer a Maileon contact.", ActivityLevel.Warning, person);
        }

        if (message.Contains("type", StringComparison.OrdinalIgnoreCase) && message.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            // Someone deleted the type in Maileon: check (and re-create) it on the next attempt.
            _ = forgetTypes();
            return new DealSendResult(EffectOutcome.Retry($"{what}: Maileon no longer knows the type {typeName} ({message})."), false, ActivityLevel.Error, person, learnedBcc);
        }

        return new DealSendResult(EffectOutcome.Fail($"{what}: Maileon refused the event ({message})."), false, ActivityLevel.Error, person, learnedBcc);
    }

    private async Task<PipedrivePerson?> PersonAsync(long personId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (persons.TryGetValue(personId, out var cached) && now - cached.At < PersonLifetime)
        {
            return cached.Person;
        }

        var person = await gateway.GetPersonAsync(personId, cancellationToken);
        persons[personId] = (person, now);
        return person;
    }

    /// <summary>Only found contacts are cached: a person may become a contact (subscribe) at any time.</summary>
    private async Task<MaileonContact?> ContactAsync(string email, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (contacts.TryGetValue(email, out var cached) && now - cached.At < ContactLifetime)
        {
            return cached.Contact;
        }

        var contact = await gateway.GetContactAsync(email, cancellationToken);
        if (contact is null)
        {
            contacts.Remove(email);
        }
        else
        {
            contacts[email] = (contact, now);
        }

        return contact;
    }

    /// <summary>A name or address that is nice to have: a refusal (no scope, not found) leaves it out; a transient failure retries the event.</summary>
    private static async Task<string?> OptionalAsync(Func<Task<string?>> lookup)
    {
        try
        {
            return await lookup();
        }
        catch (ApiClientException ex) when (!ex.IsTransient && ex.Kind != ApiFailureKind.Unauthorized)
        {
            return null;
        }
    }

    private static DealSendResult Skipped(string message, ActivityLevel level, long? personId) =>
        new(EffectOutcome.Done(message), false, level, personId);

    private static string Verb(DealWorkKind kind) => kind switch
    {
        DealWorkKind.Added => "created",
        DealWorkKind.Updated => "updated",
        _ => "deleted",
    };
}
