using System.Net;
using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Identity;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Outbox;
using PipedriveMaileon.Grains.Tenants;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Writes a person's engagement into Pipedrive through <see cref="TenantConnections"/> (one token refresh on 401): the
/// mailing's note or done <c>email</c> activity, created once and then updated in place, and the "Maileon bounce" field.
/// A create that may have landed before (its answer lost, or an earlier attempt's outcome unknown) first looks for its
/// key among the person's notes or activities. An entry or person that is gone is left alone.
/// </summary>
public sealed class EngagementEffectHandler(TenantConnections tenants, PipedriveApiClient pipedrive) : IEffectHandler<EngagementEffect>
{
    /// <summary>Tokens of reading the person before setting the flag (its current address and field value).</summary>
    public const int PersonReadCost = PipedriveTokenCosts.GetPerson;

    /// <summary>The activity type of entries (a Pipedrive default type).</summary>
    public const string ActivityType = "email";

    private const int LookupPages = 5;

    public async Task<EffectOutcome> ExecuteAsync(EffectRequest<EngagementEffect> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = request.Command;
        var what = command.Entry is null ? "Maileon bounce flag" : "Maileon engagement entry";
        try
        {
            var connection = await tenants.GetAsync(request.CompanyId);
            if (connection.Status is TenantStatus.Uninstalled or TenantStatus.NotInstalled)
            {
                return EffectOutcome.Fail($"{what}: the app is not installed for this company.");
            }

            return command.Entry is { } entry
                ? await WriteEntryAsync(request.CompanyId, command.PersonId, entry, command.Key!, request.Attempt.MayHaveRunBefore, cancellationToken)
                : await FlagAsync(request.CompanyId, command, cancellationToken);
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

    private async Task<EffectOutcome> WriteEntryAsync(long companyId, long personId, EngagementWrite write, string key, bool mayHaveRunBefore, CancellationToken cancellationToken)
    {
        var existing = write.PipedriveId;
        if (existing is null && (write.Kind == EngagementWriteKind.FindThenCreate || mayHaveRunBefore))
        {
            existing = await FindAsync(companyId, personId, write.Target, key, cancellationToken);
        }

        if (existing is { } id)
        {
            var updated = await tenants.CallPipedriveAsync(companyId, async pd => write.Target == EngagementTarget.Activity
                ? (await pipedrive.UpdateActivityAsync(pd, id, Activity(personId, write), cancellationToken))?.Id
                : (await pipedrive.UpdateNoteAsync(pd, id, NoteContent(write), cancellationToken))?.Id);
            return updated is null
                ? EffectOutcome.Done("the entry was deleted in Pipedrive; left alone", new EngagementEffectResult.EntryGone())
                : EffectOutcome.Done($"entry updated: {write.Subject}", new EngagementEffectResult.EntryWritten(id, write.Target, write.Digest));
        }

        try
        {
            var created = await tenants.CallPipedriveAsync(companyId, async pd => write.Target == EngagementTarget.Activity
                ? (await pipedrive.CreateActivityAsync(pd, Activity(personId, write), cancellationToken)).Id
                : (await pipedrive.CreateNoteAsync(pd, personId, NoteContent(write), cancellationToken)).Id);
            return EffectOutcome.Done($"entry created: {write.Subject}", new EngagementEffectResult.EntryWritten(created, write.Target, write.Digest));
        }
        catch (ApiClientException ex) when (ex.Kind == ApiFailureKind.NotFound || (ex.Kind == ApiFailureKind.Rejected && ex.StatusCode == (int)HttpStatusCode.BadRequest && ex.ServerMessage?.Contains("person", StringComparison.OrdinalIgnoreCase) == true))
        {
            return EffectOutcome.Done("the person is gone in Pipedrive; nothing written", new EngagementEffectResult.EntryGone());
        }
    }

    /// <summary>The entry carrying <paramref name="key"/> on the person's timeline, if an earlier create landed.</summary>
    private async Task<long?> FindAsync(long companyId, long personId, EngagementTarget target, string key, CancellationToken cancellationToken)
    {
        if (target == EngagementTarget.Activity)
        {
            string? cursor = null;
            for (var page = 0; page < LookupPages; page++)
            {
                var activities = await tenants.CallPipedriveAsync(companyId, pd => pipedrive.ListPersonActivitiesAsync(pd, personId, cursor, 500, cancellationToken));
                if (activities.Items.FirstOrDefault(a => !a.IsDeleted && EngagementEntryKey.IsIn(key, a.Note)) is { } found)
                {
                    return found.Id;
                }

                if ((cursor = activities.NextCursor) is null)
                {
                    return null;
                }
            }

            return null;
        }

        long? start = 0;
        for (var page = 0; page < LookupPages && start is { } from; page++)
        {
            var notes = await tenants.CallPipedriveAsync(companyId, pd => pipedrive.ListPersonNotesAsync(pd, personId, from, 500, cancellationToken));
            if (notes.Items.FirstOrDefault(n => EngagementEntryKey.IsIn(key, n.Content)) is { } found)
            {
                return found.Id;
            }

            start = notes.NextStart;
        }

        return null;
    }

    private async Task<EffectOutcome> FlagAsync(long companyId, EngagementEffect command, CancellationToken cancellationToken)
    {
        var field = command.Flag!;
        var person = await tenants.CallPipedriveAsync(companyId, pd => pipedrive.GetPersonAsync(pd, command.PersonId, cancellationToken));
        if (person is null || person.IsDeleted)
        {
            return EffectOutcome.Done("the person is gone in Pipedrive", new EngagementEffectResult.Flagged());
        }

        var current = person.CustomField(field.FieldKey!) is { } value ? JsonNode.Parse(value.GetRawText()) : null;
        var write = BounceFlagRules.Decide(field, current, EmailAddressKey.Same(person.PrimaryEmail, command.BouncedAddress));
        if (write is null)
        {
            return EffectOutcome.Done("the bounce flag already shows the right thing", new EngagementEffectResult.Flagged());
        }

        await tenants.CallPipedriveAsync(companyId, pd => pipedrive.UpdatePersonCustomFieldsAsync(
            pd, command.PersonId, new Dictionary<string, JsonNode?> { [write.FieldKey] = write.Value }, cancellationToken));
        return EffectOutcome.Done(write.Value is null ? "bounce flag cleared (the address changed)" : "person flagged: hard bounce", new EngagementEffectResult.Flagged());
    }

    private static PipedriveActivityDefinition Activity(long personId, EngagementWrite write) =>
        new(write.Subject, ActivityType, personId, Done: true, write.Body, DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>A note has no subject of its own: it leads the content.</summary>
    private static string NoteContent(EngagementWrite write) => $"<p><b>{WebUtility.HtmlEncode(write.Subject)}</b></p>{write.Body}";
}
