using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Pipedrive;
using PipedriveMaileon.Grains.Tenants;
using Result = PipedriveMaileon.Grains.Contacts.ContactEffectResult;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// Performs a person's effects against Maileon and Pipedrive with the tenant's credentials. Each effect needs only
/// what it uses: an unsubscribe needs the Maileon key and goes through while Pipedrive waits for re-authorisation;
/// a missing or refused credential means waiting for the admin, never a failure.
/// </summary>
public sealed class ContactEffectHandler(
    TenantConnections tenants,
    MaileonContacts maileonContacts,
    PipedriveApiClient pipedrive,
    PipedriveLookupCache lookups,
    IGrainFactory grains,
    TimeProvider time) : IEffectHandler<ContactEffect>
{
    public async Task<EffectOutcome> ExecuteAsync(EffectRequest<ContactEffect> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Command;
        try
        {
            if (command is ContactEffect.HandOver handOver)
            {
                await grains.Contact(request.CompanyId, handOver.TargetPersonId)
                    .AdoptMerged(new MergedContact(request.Key.EntityId, handOver.Status, handOver.Email, time.GetUtcNow()));
                return EffectOutcome.Done($"handed over to person {handOver.TargetPersonId}");
            }

            // A double opt-in asks for the permission (DOI or DOI+) the admin chose: read as the tenant grain has it now.
            var connection = command is ContactEffect.StartDoubleOptIn
                ? await tenants.CurrentAsync(request.CompanyId)
                : await tenants.ForAttemptAsync(request.CompanyId, request.Attempt);
            if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
            {
                return EffectOutcome.Fail("the app is not installed for this company");
            }

            return command switch
            {
                ContactEffect.StartDoubleOptIn doi => await StartDoubleOptInAsync(doi, connection, request.Attempt, cancellationToken),
                ContactEffect.UpdateContact update => await UpdateContactAsync(update, connection, cancellationToken),
                ContactEffect.Unsubscribe unsubscribe => await UnsubscribeAsync(unsubscribe, connection, cancellationToken),
                ContactEffect.SetNewsletterField field => await SetNewsletterFieldAsync(field, connection, request.Key.EntityId, cancellationToken),
                ContactEffect.ReadPerson => await ReadPersonAsync(connection, request.Key.EntityId, cancellationToken),
                ContactEffect.EraseContact erase => EffectOutcome.Done(await maileonContacts.DeleteContactAsync(tenants.Maileon(connection), erase.Email, cancellationToken)
                    ? "erased in Maileon"
                    : "no such contact in Maileon (nothing to erase)"),
                _ => EffectOutcome.Fail($"unknown effect {command.What}"),
            };
        }
        catch (ApiClientException ex)
        {
            return ApiFailureOutcome.Of(command.What, ex);
        }
        catch (TenantCredentialsException ex)
        {
            return EffectOutcome.WaitForCredentials($"{command.What}: {ex.Message}; waiting for the admin");
        }
    }

    private async Task<EffectOutcome> StartDoubleOptInAsync(ContactEffect.StartDoubleOptIn doi, TenantConnection connection, EffectAttempt attempt, CancellationToken cancellationToken)
    {
        var credentials = tenants.Maileon(connection);
        var existing = await maileonContacts.GetContactAsync(credentials, doi.Email, cancellationToken: cancellationToken);
        var mapping = await MapAsync(doi.Person, connection, cancellationToken);
        if (existing?.HasConfirmedDoubleOptIn == true)
        {
            // Never downgrade and never send a second DOI mail: update the fields only.
            await maileonContacts.UpsertContactAsync(credentials, doi.Email, mapping.Data, new MaileonUpsertOptions(Source: doi.Source), cancellationToken);
            return EffectOutcome.Done("contact already held a confirmed double opt-in; fields updated", new Result.DoiAlreadyConfirmed(mapping.Notes));
        }

        if (attempt.MayHaveRunBefore && existing is not null && existing.ExternalId == mapping.Data.ExternalId)
        {
            // An earlier attempt reached Maileon although its answer was lost: repeating would send a second DOI mail.
            return EffectOutcome.Done("contact created by an earlier attempt; DOI mail already requested", new Result.DoiRequested(mapping.Notes));
        }

        await maileonContacts.UpsertContactAsync(
            credentials,
            doi.Email,
            mapping.Data,
            new MaileonUpsertOptions(
                Permission: MaileonPermissionLevel.None,
                StartDoubleOptIn: true,
                DoiPlus: connection.DoiPlus,
                DoiMailingKey: connection.DoiMailingKey,
                Source: doi.Source,
                SubscriptionPage: "pipedrive"),
            cancellationToken);
        return EffectOutcome.Done("contact saved; DOI mail requested", new Result.DoiRequested(mapping.Notes));
    }

    private async Task<EffectOutcome> UpdateContactAsync(ContactEffect.UpdateContact update, TenantConnection connection, CancellationToken cancellationToken)
    {
        var credentials = tenants.Maileon(connection);
        var mapping = await MapAsync(update.Person, connection, cancellationToken);
        await maileonContacts.UpsertContactAsync(credentials, update.Email, mapping.Data, new MaileonUpsertOptions(), cancellationToken);
        return EffectOutcome.Done("contact fields updated", new Result.ContactSaved(mapping.Notes));
    }

    private async Task<EffectOutcome> UnsubscribeAsync(ContactEffect.Unsubscribe unsubscribe, TenantConnection connection, CancellationToken cancellationToken)
    {
        var result = await maileonContacts.UnsubscribeAsync(tenants.Maileon(connection), unsubscribe.Email, cancellationToken);
        return EffectOutcome.Done(result == MaileonUnsubscribeResult.NotFound ? "no such contact in Maileon (nothing to unsubscribe)" : "unsubscribed in Maileon");
    }

    private async Task<EffectOutcome> SetNewsletterFieldAsync(ContactEffect.SetNewsletterField field, TenantConnection connection, long personId, CancellationToken cancellationToken)
    {
        var newsletter = connection.NewsletterField ?? throw new TenantCredentialsException("the Newsletter field is not set up yet");
        JsonNode? value = field.Option is { } option && newsletter.OptionIds.TryGetValue(option, out var optionId) ? JsonValue.Create(optionId) : null;
        var updated = await tenants.CallPipedriveAsync(connection.CompanyId, pd => pipedrive.UpdatePersonCustomFieldsAsync(
            pd, personId, new Dictionary<string, JsonNode?> { [newsletter.Key] = value }, cancellationToken));
        return EffectOutcome.Done(updated is null ? "person no longer exists in Pipedrive" : $"Newsletter set to {(field.Option?.ToString() ?? "empty")}");
    }

    private async Task<EffectOutcome> ReadPersonAsync(TenantConnection connection, long personId, CancellationToken cancellationToken)
    {
        var person = await tenants.CallPipedriveAsync(connection.CompanyId, pd => pipedrive.GetPersonAsync(pd, personId, cancellationToken));
        var snapshot = person is null ? null : PipedrivePersonSnapshots.FromApi(person, PipedrivePersonSnapshots.FieldTypes(connection));
        return EffectOutcome.Done(person is null ? "person no longer exists" : "person read", new Result.PersonRead(snapshot));
    }

    /// <summary>The Maileon contact for the person, with the organisation and owner names looked up (cached per silo).</summary>
    private async Task<MaileonContactMapping> MapAsync(PersonSnapshot person, TenantConnection connection, CancellationToken cancellationToken)
    {
        var companyId = connection.CompanyId;
        string? organization = null;
        PipedriveUser? owner = null;
        if (person.OrgId is { } orgId)
        {
            organization = await tenants.CallPipedriveAsync(companyId, pd => lookups.OrganizationNameAsync(pd, orgId, cancellationToken));
        }

        if (person.OwnerId is { } ownerId)
        {
            owner = await tenants.CallPipedriveAsync(companyId, pd => lookups.UserAsync(pd, ownerId, cancellationToken));
        }

        return MaileonContactMapper.Map(person, new ContactMappingContext(companyId, organization, owner?.Name, owner?.Email, connection.ExtraFields));
    }
}
