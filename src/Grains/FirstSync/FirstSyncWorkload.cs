namespace PipedriveMaileon.Grains.FirstSync;

/// <summary>
/// The work of a first sync in calls. Before the scan only <see cref="Persons"/> is known (the count Pipedrive
/// reports); after the preview, the writes and lookups too.
/// </summary>
/// <param name="FieldWrites">Newsletter field writes (<c>PATCH /api/v2/persons/{id}</c>).</param>
/// <param name="MaileonWrites">Maileon contact upserts (one per address).</param>
/// <param name="OrganizationLookups">Distinct organizations of persons whose contact is written (for ORGANIZATION).</param>
/// <param name="OwnerLookups">Distinct owners of those persons (for owner_name/owner_email).</param>
/// <param name="MaileonReads">Maileon pages read to learn what the account holds (contacts, unsubscriptions).</param>
public sealed record FirstSyncWorkload(int Persons, int FieldWrites = 0, int MaileonWrites = 0, int OrganizationLookups = 0, int OwnerLookups = 0, int MaileonReads = 0)
{
    public static FirstSyncWorkload Of(FirstSyncPreview preview, int organizationLookups, int ownerLookups, int maileonReads)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return new FirstSyncWorkload(preview.Persons, preview.FieldWrites, preview.MaileonWrites, organizationLookups, ownerLookups, maileonReads);
    }
}
