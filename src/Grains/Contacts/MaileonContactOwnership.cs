using System.Globalization;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Contacts;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// Which fields the app may write on a Maileon contact (docs/IDENTITY.md, "Maileon contacts the app did not create"):
/// <list type="bullet">
/// <item>Created by us: permission none (the DOI raises it), our external id <c>pd-{companyId}-{personId}</c>,
/// <c>createdByPipedrive=true</c>, <c>pipedriveId</c> = the Pipedrive company id, and the mapped fields.</item>
/// <item>Existing contacts: never a permission, never an external id, never <c>createdByPipedrive</c>; <c>pipedriveId</c>
/// only on contacts this tenant created (which moves them from the person id to the company id); the mapped data
/// fields (names, organization, owner, extras) on every contact, as the admin configured.</item>
/// <item>Never a DOI mail to an address that already holds DOI or DOI+.</item>
/// </list>
/// </summary>
public static class MaileonContactOwnership
{
    public static MaileonContactOwner OwnerOf(MaileonContact? existing, long companyId)
    {
        if (existing is null or { Anonymous: true })
        {
            return MaileonContactOwner.Nobody;
        }

        if (!ContactExternalId.TryParse(existing.ExternalId, out var owningCompany, out _))
        {
            return MaileonContactOwner.AnotherSystem;
        }

        return owningCompany == companyId ? MaileonContactOwner.ThisTenant : MaileonContactOwner.AnotherTenant;
    }

    /// <param name="existing">The active contact for the address (read with the custom field <c>pipedriveId</c>), or null.</param>
    /// <param name="mapped">The person mapped to Maileon's fields, with our external id.</param>
    /// <param name="startDoubleOptIn">The consent rules ask for a double opt-in for this address.</param>
    public static MaileonUpsertPlan Plan(MaileonContact? existing, MaileonContactData mapped, long companyId, bool startDoubleOptIn)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var owner = OwnerOf(existing, companyId);
        var notes = new List<string>();
        var custom = mapped.CustomFields
            .Where(f => f.Key is not (MaileonContactFields.CreatedByPipedrive or MaileonContactFields.PipedriveId))
            .ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        if (owner == MaileonContactOwner.Nobody)
        {
            custom[MaileonContactFields.CreatedByPipedrive] = "true";
            AddPipedriveId(custom, companyId, notes);
            return new MaileonUpsertPlan(owner, true, MaileonPermissionLevel.None, startDoubleOptIn,
                mapped with { CustomFields = custom }, notes);
        }

        var doubleOptIn = startDoubleOptIn && !existing!.HasConfirmedDoubleOptIn;
        if (startDoubleOptIn && !doubleOptIn)
        {
            notes.Add($"the address already holds a confirmed double opt-in ({existing!.Permission}); no DOI mail was requested");
        }

        if (owner == MaileonContactOwner.ThisTenant)
        {
            AddPipedriveId(custom, companyId, notes);
        }
        else
        {
            notes.Add(owner == MaileonContactOwner.AnotherTenant
                ? "the contact was created by another Pipedrive company sharing this Maileon account: its permission, external id, createdByPipedrive and pipedriveId were kept"
                : "the contact was not created by the app: its permission, external id, createdByPipedrive and pipedriveId were kept");
        }

        return new MaileonUpsertPlan(owner, false, null, doubleOptIn, new MaileonContactData(null, mapped.StandardFields, custom), notes);
    }

    /// <summary>A contact this tenant created whose <c>pipedriveId</c> is not yet the company id (it held the person id before).</summary>
    public static bool NeedsPipedriveIdMigration(MaileonContact contact, long companyId)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return OwnerOf(contact, companyId) == MaileonContactOwner.ThisTenant
               && PipedriveIdValue(companyId) is { } wanted
               && contact.CustomFields.GetValueOrDefault(MaileonContactFields.PipedriveId) != wanted;
    }

    private static string? PipedriveIdValue(long companyId) =>
        companyId is > 0 and <= int.MaxValue ? companyId.ToString(CultureInfo.InvariantCulture) : null;

    private static void AddPipedriveId(Dictionary<string, string?> custom, long companyId, List<string> notes)
    {
        if (PipedriveIdValue(companyId) is { } value)
        {
            custom[MaileonContactFields.PipedriveId] = value;
        }
        else
        {
            notes.Add($"{MaileonContactFields.PipedriveId} {companyId} does not fit Maileon's 32-bit integer; left out");
        }
    }
}
