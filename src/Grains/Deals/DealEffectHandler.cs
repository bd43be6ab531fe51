using Microsoft.Extensions.Caching.Memory;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Database.Journal;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Deals;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Sends one deal event to Maileon, deciding on the way whether it may be sent (<see cref="DealSendRules"/>): deal
/// events on, the types in place and matching, the deal's person known and already a Maileon contact (events never
/// create contacts or grant permissions). Looks up what the webhook lacks: the person's email and name
/// (<see cref="DealPersonLookup"/>: from the person's grain, Pipedrive only for a person the app has not seen),
/// organisation and owner names (<see cref="PipedriveLookupCache"/>), the deal's Smart BCC address (once per deal). A retry first asks Maileon whether
/// an earlier attempt landed (by <c>transaction_id</c>), so an event is not stored twice. Sends through the tenant's
/// <see cref="DealEventBatcher"/>, so many deals' events share one request. A key Maileon refuses that the admin has
/// replaced meanwhile is tried once more with the current one, as contact updates are.
/// </summary>
public sealed class DealEffectHandler(
    TenantConnections tenants,
    MaileonContacts maileonContacts,
    MaileonTransactions maileonTransactions,
    PipedriveApiClient pipedrive,
    PipedriveLookupCache lookups,
    DealPersonLookup persons,
    DealEventBatcher batcher,
    IGrainFactory grains) : IEffectHandler<DealEffect>, IDisposable
{
    private static readonly TimeSpan ContactLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Maileon contacts found, by tenant and address: only how to reach them (their id), not the contact.</summary>
    private readonly MemoryCache contacts = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public async Task<EffectOutcome> ExecuteAsync(EffectRequest<DealEffect> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var work = request.Command.Work;
        var what = DealSendRules.What(work);
        try
        {
            var connection = await tenants.ForAttemptAsync(request.CompanyId, request.Attempt);
            if (DealSendRules.BeforeSending(connection, work) is { } stop)
            {
                return stop;
            }

            var types = await grains.DealTransactionTypes(request.CompanyId).Ensure();
            if (DealSendRules.FromTypes(types, work) is { } refused)
            {
                return refused;
            }

            var type = types.Find(DealTransactionTypes.NameOf(work.Kind))!;
            return await tenants.CallWithCurrentMaileonKeyAsync(connection, current => SendAsync(request, current, type, cancellationToken));
        }
        catch (ApiClientException ex)
        {
            return ApiFailureOutcome.Of(what, ex);
        }
        catch (TenantCredentialsException ex)
        {
            return EffectOutcome.WaitForCredentials($"{what}: {ex.Message}; waiting for the admin");
        }
    }

    private async Task<EffectOutcome> SendAsync(EffectRequest<DealEffect> request, TenantConnection connection, DealTransactionTypeRef type, CancellationToken cancellationToken)
    {
        var (work, knownBcc) = request.Command;
        var person = work.Deal.PersonId!.Value;
        var dealPerson = await persons.FindAsync(connection.CompanyId, person, cancellationToken);
        if (dealPerson?.Email is not { } email)
        {
            return DealSendRules.NotSent(work, dealPerson is null ? $"person {person} no longer exists in Pipedrive." : $"person {person} has no email address and so no Maileon contact.");
        }

        var credentials = tenants.Maileon(connection);
        if (await ContactAsync(credentials, email, cancellationToken) is not { } reference)
        {
            return DealSendRules.NotSent(work, $"person {person} is not a Maileon contact (events never create contacts).");
        }

        string? learnedBcc = null;
        var ccEmail = work.Deal.SmartBccEmail ?? knownBcc;
        if (ccEmail is null && work.Kind != DealWorkKind.Deleted)
        {
            ccEmail = learnedBcc = await OptionalAsync(async () =>
                (await tenants.CallPipedriveAsync(connection.CompanyId, c => pipedrive.GetDealAsync(c, work.Deal.Id, cancellationToken)))?.SmartBccEmail);
        }

        var names = new DealEventNames(dealPerson.Name, await OrgNameAsync(connection.CompanyId, work, cancellationToken), await OwnerNameAsync(connection.CompanyId, work, cancellationToken), ccEmail);
        var transactionId = type.SupportsTransactionId ? DealEventMapper.TransactionId(connection.CompanyId, work.Deal.Id, work.EventId) : null;
        if (request.Attempt.PreviousAttempts > 0 && transactionId is not null && await maileonTransactions.GetTransactionAsync(credentials, type.Id, transactionId, cancellationToken) is not null)
        {
            return DealSendRules.Sent(work, person, learnedBcc, earlierAttemptArrived: true);
        }

        var content = DealEventMapper.Content(work, names, type);
        var report = await batcher.SendAsync(credentials, connection.ConfigVersion, new MaileonTransaction(reference, type.Name, content.Content, transactionId));
        if (DealSendRules.ContactGone(report))
        {
            // The contact disappeared between the check and the send (e.g. an unsubscribe anonymised it).
            contacts.Remove(ContactKey(connection.CompanyId, email));
        }
        else if (DealSendRules.TypeGone(report))
        {
            // Someone deleted the type in Maileon: check (and re-create) it on the next attempt.
            await grains.DealTransactionTypes(connection.CompanyId).Forget();
        }

        return DealSendRules.WithNotes(DealSendRules.Interpret(report, work, person, learnedBcc), content.Notes);
    }

    /// <summary>Only found contacts are kept: a person may become a contact (subscribe) at any time.</summary>
    private async Task<MaileonContactReference?> ContactAsync(MaileonConnection credentials, string email, CancellationToken cancellationToken)
    {
        var key = ContactKey(credentials.CompanyId, email);
        if (contacts.TryGetValue(key, out MaileonContactReference? kept))
        {
            return kept;
        }

        if (await maileonContacts.GetContactAsync(credentials, email, cancellationToken: cancellationToken) is not { } contact)
        {
            return null;
        }

        var reference = contact.Id is { } id ? MaileonContactReference.ById(id) : MaileonContactReference.ByEmail(email);
        contacts.Set(key, reference, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ContactLifetime });
        return reference;
    }

    private async Task<string?> OrgNameAsync(long companyId, DealWork work, CancellationToken cancellationToken) =>
        work.Deal.OrgName is null && work.Deal.OrgId is { } org
            ? await OptionalAsync(() => tenants.CallPipedriveAsync(companyId, c => lookups.OrganizationNameAsync(c, org, cancellationToken)))
            : null;

    private async Task<string?> OwnerNameAsync(long companyId, DealWork work, CancellationToken cancellationToken) =>
        work.Deal.OwnerName is null && work.Deal.OwnerId is { } owner
            ? await OptionalAsync(async () => (await tenants.CallPipedriveAsync(companyId, c => lookups.UserAsync(c, owner, cancellationToken)))?.Name)
            : null;

    private static string ContactKey(long companyId, string email) => $"contact:{companyId}:{email.ToLowerInvariant()}";

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

    public void Dispose() => contacts.Dispose();
}
