using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Turns a deal event into the content of a Maileon transaction: <c>deal_id</c> as an integer, <c>value</c> as a
/// number (exact decimal, no culture), <c>expected_close_date</c> as <c>yyyy-MM-dd</c>, <c>timestamp</c> (when the
/// change happened at Pipedrive) as <c>yyyy-MM-dd HH:mm:ss</c> in UTC, strings cut to Maileon's 1000-character limit.
/// Unknown values are left out rather than sent empty.
/// </summary>
public static partial class DealEventMapper
{
    public const string DealId = "deal_id";
    public const string Title = "title";
    public const string Value = "value";
    public const string Currency = "currency";
    public const string Status = "status";
    public const string PersonName = "person_name";
    public const string OrgName = "org_name";
    public const string OwnerName = "owner_name";
    public const string CcEmail = "cc_email";
    public const string ExpectedCloseDate = "expected_close_date";
    public const string Timestamp = "timestamp";

    public const string DateFormat = "yyyy-MM-dd";
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    public static JsonObject Content(DealWork work, DealEventNames names)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(names);
        var deal = work.Deal;
        var content = new JsonObject { [DealId] = deal.Id };
        AddString(content, Title, deal.Title);
        if (deal.Value is { } value)
        {
            content[Value] = Normalise(value);
        }

        AddString(content, Currency, deal.Currency);
        AddString(content, Status, deal.Status);
        AddString(content, PersonName, deal.PersonName ?? names.PersonName);
        AddString(content, OrgName, deal.OrgName ?? names.OrgName);
        AddString(content, OwnerName, deal.OwnerName ?? names.OwnerName);
        AddString(content, CcEmail, deal.SmartBccEmail ?? names.CcEmail);
        if (deal.ExpectedCloseDate is { } date)
        {
            content[ExpectedCloseDate] = FormatDate(date);
        }

        content[Timestamp] = FormatTimestamp(work.OccurredAt);
        return content;
    }

    public static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Maileon's timestamp format, always in UTC (Maileon stores no zone).</summary>
    public static string FormatTimestamp(DateTimeOffset value) => value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Cuts a string to Maileon's limit for transaction strings. Counts UTF-16 units (what a Java server counts), which
    /// also keeps it within the limit counted in code points, and never splits a surrogate pair.
    /// </summary>
    public static string Clip(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var max = MaileonLimits.TransactionStringLength;
        if (value.Length <= max)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..cut];
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

    // Removes trailing zeros (100.50 → 100.5, 100.00 → 100) so the number reads as Pipedrive shows it.
    private static decimal Normalise(decimal value) => value / 1.000000000000000000000000000000000m;

    private static void AddString(JsonObject content, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            content[name] = Clip(value);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainEventId();
}
