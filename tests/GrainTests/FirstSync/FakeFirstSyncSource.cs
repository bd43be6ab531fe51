using System.Collections.Concurrent;
using System.Globalization;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.ApiClients.Pipedrive;
using PipedriveMaileon.Grains.FirstSync;

namespace PipedriveMaileon.GrainTests.FirstSync;

/// <summary>
/// A company's persons and Maileon account as the first sync reads them, per company: persons in pages of
/// <see cref="Account.PageSize"/> (the cursor is the next index), Maileon contacts and unsubscriptions in pages of
/// 1,000. Records every read; person pages from <see cref="Account.RefuseFromPage"/> on fail until it is cleared.
/// </summary>
public sealed class FakeFirstSyncSource : IFirstSyncSource
{
    private readonly ConcurrentDictionary<long, Account> accounts = new();

    public Account For(long companyId) => accounts.GetOrAdd(companyId, _ => new Account());

    public Task<FirstSyncPage> ReadPersonsAsync(long companyId, string? cursor, CancellationToken cancellationToken)
    {
        var account = For(companyId);
        var start = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
        if (account.RefuseFromPage is { } refused && start / account.PageSize + 1 >= refused)
        {
            throw new InvalidOperationException("person pages are refused for now (test)");
        }

        account.PersonReads.Enqueue(cursor);
        var page = account.Persons.Skip(start).Take(account.PageSize).ToList();
        var next = start + account.PageSize < account.Persons.Count ? (start + account.PageSize).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new FirstSyncPage(page, next));
    }

    public Task<MaileonContactPage> ListContactsAsync(long companyId, int pageIndex, CancellationToken cancellationToken)
    {
        var account = For(companyId);
        account.MaileonReads.Enqueue($"contacts page {pageIndex}");
        var all = account.Contacts.Select(c => Contact(c.Key, c.Value)).ToList();
        var pages = Math.Max(1, (all.Count + 999) / 1000);
        return Task.FromResult(new MaileonContactPage([.. all.Skip((pageIndex - 1) * 1000).Take(1000)], pageIndex, all.Count, pages));
    }

    public Task<MaileonContact?> GetContactAsync(long companyId, string email, CancellationToken cancellationToken)
    {
        var account = For(companyId);
        account.MaileonReads.Enqueue($"contact {email}");
        return Task.FromResult(account.Contacts.TryGetValue(email, out var permission) ? Contact(email, permission) : null);
    }

    public Task<MaileonUnsubscriptionPage> ListUnsubscriptionsAsync(long companyId, int pageIndex, CancellationToken cancellationToken)
    {
        var account = For(companyId);
        account.MaileonReads.Enqueue($"unsubscriptions page {pageIndex}");
        var all = account.Unsubscribed.Select((email, i) => new MaileonUnsubscription(null, i, email, null, null, "link")).ToList();
        return Task.FromResult(new MaileonUnsubscriptionPage([.. all.Skip((pageIndex - 1) * 1000).Take(1000)], pageIndex, all.Count, Math.Max(1, (all.Count + 999) / 1000)));
    }

    public PipedriveRateLimit? LatestRateLimit(long companyId) => null;

    private static MaileonContact Contact(string email, MaileonPermissionLevel permission) =>
        new(1, email, null, permission, null, null, new Dictionary<string, string?>(), new Dictionary<string, string?>());

    public sealed class Account
    {
        public int PageSize { get; set; } = 500;

        public int? RefuseFromPage { get; set; }

        public List<ScannedPerson> Persons { get; } = [];

        public Dictionary<string, MaileonPermissionLevel> Contacts { get; } = new(StringComparer.Ordinal);

        public List<string> Unsubscribed { get; } = [];

        public ConcurrentQueue<string?> PersonReads { get; } = new();

        public ConcurrentQueue<string> MaileonReads { get; } = new();
    }
}
