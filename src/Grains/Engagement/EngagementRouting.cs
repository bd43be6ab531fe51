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
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(isDeleted);
        var route = new EngagementRoute();
        foreach (var row in rows)
        {
            var persons = row.Anonymous ? [] : addresses.PersonsWith(row.Email);
            if (persons.Count == 0)
            {
                route.Count(row.Anonymous || !settings.Wants(row.Kind) ? EngagementRules.Judge(row, settings, default, false) : EngagementVerdict.NoPerson);
                continue;
            }

            foreach (var person in persons)
            {
                var verdict = EngagementRules.Judge(row, settings, addresses.StatusOf(person), isDeleted(person));
                if (verdict == EngagementVerdict.Record)
                {
                    route.Add(person, row);
                }
                else
                {
                    route.Count(verdict);
                }
            }
        }

        return route;
    }
}
