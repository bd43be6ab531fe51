using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;
using Result = PipedriveMaileon.Grains.Contacts.ContactEffectResult;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// Performs a person's effects against Pipedrive and Maileon with the tenant's credentials (its messages to its address
/// the grain sends itself, <see cref="IGrainMessenger{TCommand}"/>). Each effect needs only what it uses; a missing or
/// refused credential means waiting for the admin, never a failure.
/// </summary>
public sealed class ContactEffectHandler(
    TenantConnections tenants,
    MaileonContacts maileonContacts,
    PipedriveApiClient pipedrive,
    ContactMaps maps) : IEffectHandler<ContactEffect>
{
    public async Task<EffectOutcome> ExecuteAsync(EffectRequest<ContactEffect> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Command;
        try
        {
            var connection = await tenants.ForAttemptAsync(request.CompanyId, request.Attempt);
            if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
            {
                return EffectOutcome.Fail("the app is not installed for this company");
            }

            return command switch
            {
                ContactEffect.UpdateContact update => await UpdateContactAsync(update, connection, cancellationToken),
                ContactEffect.SetNewsletterField field => await SetNewsletterFieldAsync(field, connection, request.Key.EntityId, cancellationToken),
                ContactEffect.ReadPerson => await ReadPersonAsync(connection, request.Key.EntityId, cancellationToken),
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

    /// <summary>
    /// Updates the existing contact only (<c>PUT</c>): an update queued while the address was subscribed may run after
    /// Maileon unsubscribed and anonymised the contact, and must not bring it back. No permission, no external id, no
    /// <c>createdByPipedrive</c> or <c>pipedriveId</c>: those belong to whoever created the contact.
    /// </summary>
    private async Task<EffectOutcome> UpdateContactAsync(ContactEffect.UpdateContact update, TenantConnection connection, CancellationToken cancellationToken)
    {
        var mapping = await maps.MapAsync(update.Person, connection, cancellationToken);
        var fields = MaileonContactOwnership.FieldsOnly(mapping.Data);
        return await tenants.CallMaileonAsync(connection, maileon => maileonContacts.UpdateContactAsync(maileon, update.Email, fields, cancellationToken))
            ? EffectOutcome.Done("contact fields updated", new Result.ContactSaved(mapping.Notes))
            : EffectOutcome.Done("no active contact for the address; nothing updated or created", new Result.ContactGone());
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
}
