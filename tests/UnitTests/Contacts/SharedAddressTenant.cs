using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;

namespace PipedriveMaileon.UnitTests.Contacts;

/// <summary>
/// One company in the shared-address model: its address book (the system under test), its de-duplication of event
/// ids, the Newsletter field of each person as Pipedrive would show it, and what reached it (for the invariants).
/// </summary>
internal sealed class SharedAddressTenant(SharedAddressWorld world, long id, IReadOnlyList<long> persons)
{
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> addresses = [];
    private readonly Dictionary<string, List<DateTimeOffset>> requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> latestUnsubscribe = new(StringComparer.Ordinal);

    public long Id { get; } = id;

    public IReadOnlyList<long> Persons { get; } = persons;

    public TenantAddressBook Book { get; } = new();

    public Dictionary<long, NewsletterOption?> Fields { get; } = [];

    public List<SharedFact> Delivered { get; } = [];

    public string AddressOf(long person) => addresses[person];

    public void Register(Random random)
    {
        foreach (var person in Persons)
        {
            var key = random.Next(2) == 0 ? "x@example.com" : "y@example.com";
            addresses[person] = key;
            var spelt = random.Next(2) == 0 ? key : key.ToUpperInvariant();
            Book.PersonAddressChanged(person, spelt, SharedAddressWorld.Epoch.AddHours(-1), "setup");
            Fields[person] = null;
        }
    }

    /// <summary>A user sets the person's Newsletter field in Pipedrive (the webhook follows).</summary>
    public void UserWrote(long person, SharedFactKind kind) => Fields[person] = kind switch
    {
        SharedFactKind.Subscribe => NewsletterOption.Subscribe,
        SharedFactKind.Unsubscribe => NewsletterOption.Unsubscribed,
        _ => NewsletterOption.Subscribed,
    };

    public void Receive(SharedFact fact, DateTimeOffset wall)
    {
        world.Counts.Deliveries++;
        if (!seen.Add(fact.Id))
        {
            world.Counts.Duplicates++;
            return;
        }

        Delivered.Add(fact);
        Track(fact);
        var before = Status(fact.Address);
        var outcome = fact.Person is { } person
            ? Book.PersonRequested(person, new ContactSignal(Signal(fact.Kind), fact.At, "pipedrive-user:7", "webhook"))
            : Book.MaileonFact(new ContactSignal(Signal(fact.Kind), fact.At, "maileon", "webhook") { Email = fact.Address.ToUpperInvariant() });
        var after = Status(fact.Address);
        Check(fact, before, after);
        outcome.Fields.ForEach(f => Fields[f.PersonId] = f.Option);
        if (before != after && Book.PersonsWith(fact.Address).Count > 1)
        {
            world.Counts.FanOuts++;
        }

        foreach (var work in outcome.Maileon)
        {
            if (work.Kind == ContactWorkKind.StartDoubleOptIn)
            {
                AssertRequestAfterLatestUnsubscribe(fact.Address, fact);
                world.StartDoubleOptIn(this, fact.Address, wall);
            }
            else if (work.Kind == ContactWorkKind.Unsubscribe)
            {
                world.Unsubscribed(fact.Address, wall, this, "api");
            }
        }
    }

    private void Track(SharedFact fact)
    {
        if (fact.Kind == SharedFactKind.Subscribe)
        {
            Requests(fact.Address).Add(fact.At);
        }

        if (fact.Kind is SharedFactKind.Unsubscribe or SharedFactKind.MaileonUnsubscribed && !(latestUnsubscribe.GetValueOrDefault(fact.Address) >= fact.At))
        {
            latestUnsubscribe[fact.Address] = fact.At;
        }
    }

    private void Check(SharedFact fact, SubscriptionStatus before, SubscriptionStatus after)
    {
        if (after == SubscriptionStatus.Subscribed && before != SubscriptionStatus.Subscribed)
        {
            if (before != SubscriptionStatus.Pending || fact.Kind != SharedFactKind.DoiConfirmed)
            {
                Assert.Fail($"{world.Name}: company {Id} became subscribed for {fact.Address} from {before} on {fact.Id}.\n{world.Describe()}");
            }
        }

        if (fact.Kind == SharedFactKind.DoiConfirmed && fact.Cause != this && before != SubscriptionStatus.Pending)
        {
            world.Counts.ForeignConfirmationsIgnored++;
        }

        if (fact.Kind == SharedFactKind.MaileonUnsubscribed && fact.Cause is not null && fact.Cause != this && after == SubscriptionStatus.Unsubscribed && before != after)
        {
            world.Counts.ForeignUnsubscribesApplied++;
        }
    }

    private void AssertRequestAfterLatestUnsubscribe(string address, SharedFact cause)
    {
        if (latestUnsubscribe.TryGetValue(address, out var unsubscribedAt) && !Requests(address).Any(t => t > unsubscribedAt))
        {
            Assert.Fail($"{world.Name}: company {Id} started a DOI for {address} on {cause.Id} without a request later than the unsubscribe at {unsubscribedAt:t}.\n{world.Describe()}");
        }
    }

    private List<DateTimeOffset> Requests(string address)
    {
        if (!requests.TryGetValue(address, out var list))
        {
            list = [];
            requests[address] = list;
        }

        return list;
    }

    private SubscriptionStatus Status(string address) =>
        Book.Addresses.TryGetValue(address, out var entry) ? entry.State.Status : SubscriptionStatus.None;

    private static ContactSignalKind Signal(SharedFactKind kind) => kind switch
    {
        SharedFactKind.Subscribe => ContactSignalKind.SubscribeRequested,
        SharedFactKind.Unsubscribe => ContactSignalKind.UnsubscribeRequested,
        SharedFactKind.Overwrite => ContactSignalKind.FieldOverwritten,
        SharedFactKind.DoiConfirmed => ContactSignalKind.DoiConfirmed,
        _ => ContactSignalKind.MaileonUnsubscribed,
    };
}
