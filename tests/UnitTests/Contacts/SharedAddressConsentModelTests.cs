using System.Diagnostics;
using PipedriveMaileon.Grains.Contacts;
using PipedriveMaileon.Grains.Identity;
using PipedriveMaileon.Grains.Interfaces.Contacts;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using Xunit.Abstractions;

namespace PipedriveMaileon.UnitTests.Contacts;

/// <summary>
/// Model-based test of identity by address (docs/IDENTITY.md): two companies share one Maileon account; several
/// persons of each share two addresses (spelt in different case). Random histories of Newsletter edits are delivered
/// late, twice and out of order; Maileon is simulated as it behaves (one contact per address, a DOI mail per DOI start
/// unless the contact already holds DOI, a click confirms only the pending mail of a live contact, an unsubscribe
/// anonymises the contact and reaches the webhooks of both companies). Each company runs its
/// <see cref="TenantAddressBook"/>. Checked: no DOI starts without a request later than every unsubscribe that company
/// saw for the address; a company becomes subscribed only from its own running DOI; every person ends showing its
/// address's state; each company ends where the rules in words, applied in source-time order, end.
/// </summary>
public sealed class SharedAddressConsentModelTests(ITestOutputHelper output)
{
    private const int Seeds = 10;
    private const int HistoriesPerSeed = 400;
    private static readonly DateTimeOffset Epoch = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Addresses = ["x@example.com", "y@example.com"];

    [Fact]
    public void Companies_sharing_a_maileon_account_and_persons_sharing_an_address_end_where_the_rules_say()
    {
        var watch = Stopwatch.StartNew();
        var counts = new SharedAddressCounts();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var random = new Random(seed);
            for (var n = 0; n < HistoriesPerSeed; n++)
            {
                var world = new SharedAddressWorld(random, $"seed {seed}, history {n}", counts);
                world.Run();
                foreach (var tenant in world.Tenants)
                {
                    foreach (var address in Addresses)
                    {
                        var expected = world.Reference(tenant, address);
                        var actual = tenant.Book.Addresses.TryGetValue(address, out var entry) ? entry.State.Status : SubscriptionStatus.None;
                        if (actual != expected)
                        {
                            Assert.Fail($"{world.Name}: company {tenant.Id}, {address}: the rules end {expected}, the address book ended {actual}.\n{world.Describe()}");
                        }

                        counts.Finals[(int)expected]++;
                    }

                    foreach (var (person, field) in tenant.Fields)
                    {
                        if (field != SubscriptionStateMachine.OptionFor(tenant.Book.StatusOf(person)))
                        {
                            Assert.Fail($"{world.Name}: person {person} of company {tenant.Id} shows {field?.ToString() ?? "nothing"}, its address is {tenant.Book.StatusOf(person)}.\n{world.Describe()}");
                        }
                    }
                }

                counts.Histories++;
            }
        }

        output.WriteLine($"{counts.Histories} histories, {counts.Deliveries} deliveries ({counts.Duplicates} duplicates), {counts.DoiMails} DOI mails, " +
                         $"{counts.NoMailAlreadyConfirmed} DOI starts without a mail (address already confirmed), {counts.ForeignConfirmationsIgnored} confirmations of " +
                         $"another company's DOI ignored, {counts.ForeignUnsubscribesApplied} unsubscribes caused by the other company applied, " +
                         $"{counts.FanOuts} status changes shown on several persons, in {watch.ElapsedMilliseconds} ms");
        output.WriteLine($"final statuses: None {counts.Finals[0]}, Pending {counts.Finals[1]}, Subscribed {counts.Finals[2]}, Unsubscribed {counts.Finals[3]}");
        Assert.True(counts.ForeignConfirmationsIgnored > 0, "no company saw the other's confirmation");
        Assert.True(counts.ForeignUnsubscribesApplied > 0, "no company saw the other's unsubscribe");
        Assert.True(counts.NoMailAlreadyConfirmed > 0, "no DOI start found the address already confirmed");
        Assert.True(counts.FanOuts > 0, "no status change reached several persons");
        Assert.True(counts.Duplicates > 0, "no duplicate delivery");
        Assert.All(counts.Finals, f => Assert.True(f > 0, "a final status never occurred"));
    }
}
