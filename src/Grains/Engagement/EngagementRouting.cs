using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Identity;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Sends a page of report rows to the persons they concern: every person of the tenant whose primary address is the
/// row's address (identity by address, docs/IDENTITY.md), judged by <see cref="EngagementRules"/>. What is not
/// recorded is counted by verdict, so a run can say why nothing was written.
/// </summary>
public static class EngagementRouting
{
    public static EngagementRoute Route(
        IEnumerable<MaileonTrackingEvent> rows, TenantAddressBook addresses, EngagementSettings settings, Func<long, bool> isDeleted)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(isDeleted);
        return Route(rows, email => Of(addresses, email, isDeleted), settings);
    }

    /// <param name="persons">The seam's answer for a row's address (<see cref="ITenantAddressPersons"/>), already looked up.</param>
    public static EngagementRoute Route(IEnumerable<MaileonTrackingEvent> rows, Func<string?, AddressPersons> persons, EngagementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(persons);
        var route = new EngagementRoute();
        foreach (var row in rows)
        {
            var address = row.Anonymous ? AddressPersons.None : persons(row.Email);
            if (address.Persons.Count == 0)
            {
                route.Count(row.Anonymous || !settings.Wants(row.Kind) ? EngagementRules.Judge(row, settings, default, false) : EngagementVerdict.NoPerson);
                continue;
            }

            foreach (var person in address.Persons)
            {
                var verdict = EngagementRules.Judge(row, settings, address.Status, person.Deleted);
                if (verdict == EngagementVerdict.Record)
                {
                    route.Add(person.PersonId, row);
                }
                else
                {
                    route.Count(verdict);
                }
            }
        }

        return route;
    }

    private static AddressPersons Of(TenantAddressBook addresses, string? email, Func<long, bool> isDeleted)
    {
        var persons = addresses.PersonsWith(email);
        return persons.Count == 0
            ? AddressPersons.None
            : new AddressPersons(addresses.StatusOf(persons[0]), [.. persons.Select(p => new AddressPerson(p, isDeleted(p)))]);
    }
}
