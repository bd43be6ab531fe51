using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.UnitTests.Contacts;

/// <summary>
/// One history of the shared-address model (<see cref="SharedAddressConsentModelTests"/>), simulated on a wall clock:
/// two companies (persons 1–3 and 11–12, each on one of two addresses), users editing Newsletter fields 1 s to 10 min
/// apart, webhooks arriving 0–15 min late and one in five again up to 45 min later, and one Maileon account.
/// </summary>
internal sealed class SharedAddressWorld
{
    private readonly Random random;
    private readonly SharedAddressCounts counts;
    private readonly PriorityQueue<Action, (DateTimeOffset Wall, int Sequence)> queue = new();
    private readonly Dictionary<string, MaileonContactState> maileon = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SharedAddressTenant> mailStarters = [];
    private int sequence;
    private long mails;

    public SharedAddressWorld(Random random, string name, SharedAddressCounts counts)
    {
        this.random = random;
        this.counts = counts;
        Name = name;
        Tenants = [new SharedAddressTenant(this, 1, [1, 2, 3]), new SharedAddressTenant(this, 2, [11, 12])];
        foreach (var tenant in Tenants)
        {
            tenant.Register(random);
        }
    }

    public string Name { get; }

    public IReadOnlyList<SharedAddressTenant> Tenants { get; }

    public SharedAddressCounts Counts => counts;

    public void Run()
    {
        var at = Epoch;
        var length = random.Next(1, 15);
        for (var i = 0; i < length; i++)
        {
            at = at.AddSeconds(random.Next(1, 600));
            var tenant = Tenants[random.Next(Tenants.Count)];
            var person = tenant.Persons[random.Next(tenant.Persons.Count)];
            var roll = random.Next(100);
            var kind = roll < 45 ? SharedFactKind.Subscribe : roll < 80 ? SharedFactKind.Unsubscribe : SharedFactKind.Overwrite;
            var fact = new SharedFact($"u{i}", kind, person, tenant.AddressOf(person), at, tenant);
            Schedule(at, () => tenant.UserWrote(person, kind));
            Deliver(tenant, fact, at);
        }

        while (queue.TryDequeue(out var action, out _))
        {
            action();
        }
    }

    public static DateTimeOffset Epoch { get; } = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The rules in words, per company and address, applied in source-time order to what reached that company.</summary>
    public SubscriptionStatus Reference(SharedAddressTenant tenant, string address)
    {
        var status = SubscriptionStatus.None;
        var since = DateTimeOffset.MinValue;
        foreach (var fact in tenant.Delivered.Where(f => f.Address == address).OrderBy(f => f.At).ThenBy(f => f.FromMaileon ? 1 : 0))
        {
            switch (fact.Kind)
            {
                case SharedFactKind.Subscribe when status is SubscriptionStatus.None or SubscriptionStatus.Unsubscribed:
                    (status, since) = (SubscriptionStatus.Pending, fact.At);
                    break;
                case SharedFactKind.Unsubscribe or SharedFactKind.MaileonUnsubscribed:
                    status = SubscriptionStatus.Unsubscribed;
                    break;
                case SharedFactKind.DoiConfirmed when status == SubscriptionStatus.Pending && fact.At >= since:
                    status = SubscriptionStatus.Subscribed;
                    break;
            }
        }

        return status;
    }

    /// <summary>A webhook (or its retry) reaches a company.</summary>
    public void Deliver(SharedAddressTenant tenant, SharedFact fact, DateTimeOffset happened)
    {
        Schedule(happened.AddSeconds(random.Next(0, 15 * 60)), wall => tenant.Receive(fact, wall));
        if (random.Next(100) < 20)
        {
            Schedule(happened.AddSeconds(random.Next(0, 45 * 60)), wall => tenant.Receive(fact, wall));
        }
    }

    /// <summary>The company's DOI upsert reaches Maileon: no mail where the contact already holds DOI (the company learns it at once).</summary>
    public void StartDoubleOptIn(SharedAddressTenant tenant, string address, DateTimeOffset wall)
    {
        var contact = Contact(address);
        if (contact is { Active: true, Doi: true })
        {
            counts.NoMailAlreadyConfirmed++;
            var confirmed = new SharedFact($"already{++sequence}", SharedFactKind.DoiConfirmed, null, address, wall, tenant);
            Schedule(wall, now => tenant.Receive(confirmed, now));
            return;
        }

        var mail = ++mails;
        (contact.Active, contact.PendingMail) = (true, mail);
        mailStarters[mail] = tenant;
        counts.DoiMails++;
        var roll = random.Next(100);
        if (roll < 70)
        {
            Schedule(wall.AddSeconds(roll < 55 ? random.Next(5, 20 * 60) : random.Next(20 * 60, 120 * 60)), now => Click(address, mail, now));
        }

        if (random.Next(100) < 30)
        {
            Schedule(wall.AddSeconds(random.Next(5, 60 * 60)), now => Unsubscribed(address, now, null, "link"));
        }
    }

    /// <summary>An unsubscribe call (or a click on the mail's link): the live contact is anonymised and both companies' webhooks fire.</summary>
    public void Unsubscribed(string address, DateTimeOffset wall, SharedAddressTenant? cause, string how)
    {
        var contact = Contact(address);
        if (!contact.Active)
        {
            return;
        }

        (contact.Active, contact.Doi, contact.PendingMail) = (false, false, null);
        var fact = new SharedFact($"{how}{++sequence}", SharedFactKind.MaileonUnsubscribed, null, address, wall, cause);
        Tenants.ToList().ForEach(t => Deliver(t, fact, wall));
    }

    public string Describe() => string.Join("\n", Tenants.Select(t =>
        $"  company {t.Id} ({string.Join(", ", t.Persons.Select(p => $"{p}:{t.AddressOf(p)[0]}"))}): " +
        string.Join(", ", t.Delivered.Select(f => $"{f.Id} {f.Kind}{(f.Person is { } p ? $"({p})" : string.Empty)} {f.Address[0]}@{Minute(f.At)}"))));

    private void Click(string address, long mail, DateTimeOffset at)
    {
        var contact = Contact(address);
        if (!contact.Active || contact.PendingMail != mail)
        {
            return;
        }

        (contact.Doi, contact.PendingMail) = (true, null);
        var fact = new SharedFact($"click{mail}", SharedFactKind.DoiConfirmed, null, address, at, mailStarters[mail]);
        Tenants.ToList().ForEach(t => Deliver(t, fact, at));
    }

    private MaileonContactState Contact(string address)
    {
        if (!maileon.TryGetValue(address, out var contact))
        {
            contact = new MaileonContactState();
            maileon[address] = contact;
        }

        return contact;
    }

    private void Schedule(DateTimeOffset wall, Action<DateTimeOffset> action) => queue.Enqueue(() => action(wall), (wall, sequence++));

    private void Schedule(DateTimeOffset wall, Action action) => queue.Enqueue(action, (wall, sequence++));

    private static string Minute(DateTimeOffset at) => $"t+{(at - Epoch).TotalMinutes:0.0}m";

    private sealed class MaileonContactState
    {
        public bool Active { get; set; }
        public bool Doi { get; set; }
        public long? PendingMail { get; set; }
    }
}
