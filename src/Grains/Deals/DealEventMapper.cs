using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PipedriveMaileon.Grains.Interfaces.Deals;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Turns a deal event into the content of a Maileon transaction of the type the account has
/// (<see cref="DealTypeAdoption"/>): the seed's attributes, each in the declared type (<c>timestamp</c> is when the
/// change happened at Pipedrive, in UTC), strings cut to Maileon's 1000-character limit. Unknown values are left out
/// rather than sent empty. Also the event's deterministic <c>transaction_id</c>.
/// </summary>
public static partial class DealEventMapper
{
    /// <summary>
    /// The event's content in the types <paramref name="type"/> declares (the seed's table for a type the app created),
    /// with notes for the activity log (a rounded amount with its exact value, a value the type cannot hold).
    /// </summary>
    public static DealEventContent Content(DealWork work, DealEventNames names, DealTransactionTypeRef type)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(type);
        var deal = work.Deal;
        var values = SeedDealTypes.Values(
            deal.Id, deal.Title, deal.Value, deal.Currency, deal.Status, deal.PersonName ?? names.PersonName, deal.OrgName ?? names.OrgName,
            deal.OwnerName ?? names.OwnerName, deal.SmartBccEmail ?? names.CcEmail, deal.ExpectedCloseDate, work.OccurredAt);
        var adopted = type.Declared is { } declared ? new AdoptedDealType(type.Name, declared, [], []) : DealTypeAdoption.Created(type.Name);
        return DealTypeAdoption.Content(adopted, values);
    }

    /// <summary>
    /// The event's <c>transaction_id</c>: derived from the company, the deal and Pipedrive's event id only, so every
    /// retry of the same event carries the same id. Event ids that are not short and plain are hashed.
    /// </summary>
    public static string TransactionId(long companyId, long dealId, string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var key = PlainEventId().IsMatch(eventId)
            ? eventId
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];
        return string.Create(CultureInfo.InvariantCulture, $"pd-{companyId}-deal-{dealId}-{key}");
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainEventId();
}
