using PipedriveMaileon.ApiClients.Errors;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>Checks what an admin submits on the settings page against Maileon and Pipedrive, with messages a person can act on.</summary>
public sealed class TenantSettingsCheck(MaileonAccount maileonAccount, PipedriveApiClient pipedrive, TenantConnections tenants)
{
    /// <summary>Null when Maileon accepts the key; otherwise why not.</summary>
    public async Task<string?> MaileonKeyProblemAsync(long companyId, string apiKey)
    {
        try
        {
            var check = await maileonAccount.CheckApiKeyAsync(new MaileonConnection(companyId, apiKey));
            return MaileonKeyMessages.ForCheck(check, check.ServerMessage, apiKey);
        }
        catch (ApiClientException ex) when (ex.IsTransient)
        {
            return MaileonKeyMessages.Unreachable;
        }
    }

    /// <summary>The extra fields chosen, as configured for sending; problems go to <paramref name="errors"/>.</summary>
    public async Task<IReadOnlyList<ExtraFieldConfig>> ExtraFieldsAsync(long companyId, IReadOnlyList<string> keys, Dictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(errors);
        if (keys.Count == 0)
        {
            return [];
        }

        if (keys.Count > ExtraFieldRules.MaxExtraFields || keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            errors["ExtraFieldKeys"] = $"Choose at most {ExtraFieldRules.MaxExtraFields} different extra fields.";
            return [];
        }

        IReadOnlyList<PipedrivePersonField> fields;
        try
        {
            fields = await tenants.CallPipedriveAsync(companyId, c => pipedrive.ListPersonFieldsAsync(c));
        }
        catch (ApiClientException ex)
        {
            errors["ExtraFieldKeys"] = $"Pipedrive's person fields could not be read to check your choice ({TenantSetupRunner.Describe(ex)}).";
            return [];
        }

        var resolved = new List<ExtraFieldConfig>();
        foreach (var key in keys)
        {
            var field = fields.FirstOrDefault(f => f.Key == key && f.IsActive);
            if (field is null)
            {
                errors["ExtraFieldKeys"] = $"The person field {key} does not exist (any more) in Pipedrive.";
            }
            else if (ExtraFieldRules.UnusableReason(field) is { } reason)
            {
                errors["ExtraFieldKeys"] = $"\"{field.Name}\" cannot be sent to Maileon: {reason}.";
            }
            else
            {
                resolved.Add(ExtraFieldRules.ToConfig(field));
            }
        }

        return resolved;
    }

    /// <summary>The person fields an admin may choose from (the Newsletter field excluded), custom ones first.</summary>
    public async Task<IReadOnlyList<PersonFieldChoice>> PersonFieldChoicesAsync(long companyId, string? newsletterKey)
    {
        var fields = await tenants.CallPipedriveAsync(companyId, c => pipedrive.ListPersonFieldsAsync(c));
        return fields
            .Where(f => f.IsActive && f.Key != newsletterKey)
            .Select(f => new PersonFieldChoice(f.Key, f.Name, f.FieldType, f.IsCustom, ExtraFieldRules.UnusableReason(f)))
            .OrderBy(f => f.IsCustom ? 0 : 1).ThenBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
