using Microsoft.Extensions.Options;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Reconciliation;
using PipedriveMaileon.Grains.Tenants;
using Result = PipedriveMaileon.Grains.Identity.AddressEffectResult;

namespace PipedriveMaileon.Grains.Identity;

/// <summary>
/// Performs an address's Maileon calls for its consent (once per address, with ownership respected, see
/// <see cref="MaileonContactOwnership"/>); its notices to its persons the grain sends itself
/// (<see cref="IGrainMessenger{TCommand}"/>).
/// </summary>
public sealed class AddressEffectHandler(
    TenantConnections tenants,
    MaileonContacts maileonContacts,
    ContactMaps maps,
    IOptions<ReconciliationOptions> reconciliation) : IEffectHandler<AddressEffect>
{
    /// <summary>Maileon's clock may differ from ours a little; a contact changed this long before our start is not our attempt's work.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(5);

    public async Task<EffectOutcome> ExecuteAsync(EffectRequest<AddressEffect> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Command;
        try
        {
            // A double opt-in asks for the permission (DOI or DOI+) the admin chose: read as the tenant grain has it now.
            var connection = command is AddressEffect.StartDoubleOptIn
                ? await tenants.CurrentAsync(request.CompanyId)
                : await tenants.ForAttemptAsync(request.CompanyId, request.Attempt);
            if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
            {
                return EffectOutcome.Fail("the app is not installed for this company");
            }

            return await tenants.CallMaileonAsync(connection, async credentials => command switch
            {
                AddressEffect.StartDoubleOptIn doi => await StartDoubleOptInAsync(doi, connection, credentials, request.Attempt, cancellationToken),
                AddressEffect.Unsubscribe unsubscribe => await maileonContacts.UnsubscribeAsync(credentials, unsubscribe.Email, cancellationToken) == MaileonUnsubscribeResult.NotFound
                    ? EffectOutcome.Done("no active contact for the address (nothing to unsubscribe)")
                    : EffectOutcome.Done("unsubscribed"),
                AddressEffect.Erase erase => EffectOutcome.Done(await maileonContacts.DeleteContactAsync(credentials, erase.Email, cancellationToken)
                    ? "the contact was erased (the tenant's setting \"also erase in Maileon\")"
                    : "no contact to erase"),
                _ => EffectOutcome.Fail($"unknown effect {command.What}"),
            });
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

    private async Task<EffectOutcome> StartDoubleOptInAsync(
        AddressEffect.StartDoubleOptIn doi, TenantConnection connection, MaileonConnection credentials, EffectAttempt attempt, CancellationToken cancellationToken)
    {
        var existing = await maileonContacts.GetContactAsync(credentials, doi.Email, cancellationToken: cancellationToken);
        var mapping = await maps.MapAsync(doi.Person, connection, cancellationToken);
        var plan = MaileonContactOwnership.Plan(existing, mapping.Data, connection.CompanyId, startDoubleOptIn: true);
        var notes = mapping.Notes.Concat(plan.Notes).ToList();
        if (!plan.StartDoubleOptIn)
        {
            // Never a second DOI mail to an address that holds DOI/DOI+, and never a permission on an existing contact.
            await maileonContacts.UpsertContactAsync(credentials, doi.Email, plan.Data, new MaileonUpsertOptions(Permission: null, Source: doi.Source), cancellationToken);
            return EffectOutcome.Done($"the contact already held a confirmed double opt-in ({existing?.Permission}); fields updated", new Result.DoiAlreadyConfirmed(notes));
        }

        if ((attempt.MayHaveRunBefore || doi.CheckFirst) && EarlierAttemptArrived(existing, connection.CompanyId, doi.StartedAt))
        {
            // An earlier attempt reached Maileon although its answer was lost: repeating would send a second DOI mail.
            return EffectOutcome.Done("the contact was written by an earlier attempt; DOI mail already requested", new Result.DoiRequested(notes));
        }

        await maileonContacts.UpsertContactAsync(
            credentials,
            doi.Email,
            plan.Data,
            new MaileonUpsertOptions(
                Permission: plan.Permission,
                StartDoubleOptIn: true,
                DoiPlus: connection.DoiPlus,
                DoiMailingKey: connection.DoiMailingKey,
                Source: doi.Source,
                SubscriptionPage: "pipedrive"),
            cancellationToken);
        return EffectOutcome.Done(plan.Creates ? "contact created; DOI mail requested" : "existing contact kept as it is; DOI mail requested", new Result.DoiRequested(notes));
    }

    /// <summary>
    /// Did an earlier attempt write the contact? A contact this company created that still waits for its confirmation,
    /// or any contact Maileon changed since our first attempt started (we no longer write our external id on contacts
    /// we did not create, so their change time is the marker).
    /// </summary>
    private bool EarlierAttemptArrived(MaileonContact? existing, long companyId, DateTimeOffset? startedAt)
    {
        if (existing is null or { Anonymous: true } || existing.HasConfirmedDoubleOptIn)
        {
            return false;
        }

        if (MaileonContactOwnership.OwnerOf(existing, companyId) == MaileonContactOwner.ThisTenant && existing.Permission is null or MaileonPermissionLevel.None)
        {
            return true;
        }

        var clock = new MaileonWallClock(reconciliation.Value.MaileonZone());
        return startedAt is { } started && existing.Updated is { } updated && clock.ToInstant(updated) >= started - ClockTolerance;
    }
}
