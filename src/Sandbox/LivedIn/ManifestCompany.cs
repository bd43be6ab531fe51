namespace PipedriveMaileon.Sandbox.LivedIn;

/// <summary>
/// One Pipedrive company of the fixture: its admin, the existing "Newsletter" field (option id → label → the mark it
/// stands for), and counts that follow from <see cref="LivedInManifest.Persons"/>. <see cref="DoiMails"/> counts
/// addresses, not persons: persons sharing an address share one mail.
/// </summary>
public sealed record ManifestCompany(
    long CompanyId,
    string Name,
    long AdminUserId,
    string NewsletterLabels,
    long NewsletterFieldId,
    string NewsletterFieldKey,
    IReadOnlyList<ManifestOption> NewsletterOptions,
    int Persons,
    int Deals,
    IReadOnlyDictionary<FirstSyncExpectation, int> Expected,
    int DoiMails);
