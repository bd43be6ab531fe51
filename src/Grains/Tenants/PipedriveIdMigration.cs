using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Contacts;

namespace PipedriveMaileon.Grains.Tenants;

/// <summary>
/// Moves the <c>pipedriveId</c> of the Maileon contacts this tenant created from the person id (what earlier versions
/// wrote) to the company id (the seed's "Pipedrive ID for Maileon webhooks"), in the background: a few pages of the
/// account's contacts per self-check, resumable by page, touching only contacts with this tenant's external id
/// (<see cref="MaileonContactOwnership.NeedsPipedriveIdMigration"/>). The update carries that one field; the
/// permission it must send (none) is ignored by Maileon for the DOI/DOI+ the app's contacts hold or stay below.
/// </summary>
public sealed class PipedriveIdMigration(MaileonContacts contacts)
{
    public const int PageSize = 500;
    public const int PagesPerRun = 10;

    /// <summary>One run from <paramref name="fromPage"/>: the page to continue at, how many contacts changed, and whether the account was read to its end.</summary>
    public async Task<(int NextPage, int Migrated, bool Done)> RunAsync(MaileonConnection credentials, long companyId, int fromPage, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, fromPage);
        var migrated = 0;
        for (var read = 0; read < PagesPerRun; read++, page++)
        {
            var list = await contacts.ListContactsAsync(credentials, null, page, PageSize, customFields: [MaileonContactFields.PipedriveId], cancellationToken: cancellationToken);
            foreach (var contact in list.Items.Where(c => c.Email is not null && MaileonContactOwnership.NeedsPipedriveIdMigration(c, companyId)))
            {
                var fields = new Dictionary<string, string?> { [MaileonContactFields.PipedriveId] = companyId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                await contacts.UpsertContactAsync(credentials, contact.Email!, new MaileonContactData(null, new Dictionary<string, string?>(), fields), new MaileonUpsertOptions(), cancellationToken);
                migrated++;
            }

            if (!list.HasMore(PageSize))
            {
                return (page + 1, migrated, true);
            }
        }

        return (page, migrated, false);
    }
}
