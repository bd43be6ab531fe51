using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// The three deal event types as the seed's table defines them: <c>deal_id</c> integer, <c>value</c> integer,
/// <c>expected_close_date</c> string (<c>yyyy-MM-dd</c>), <c>timestamp</c> Maileon's timestamp (the seed says
/// "datetime", which Maileon does not have), the rest strings; plus the special <c>transaction_id</c> in the types the
/// app creates, so each event can be looked up by our id. Types that exist already are adopted as they are
/// (<see cref="DealTypeAdoption"/>).
/// </summary>
public static class SeedDealTypes
{
    public const string Added = "pipedrive_deal_added";
    public const string Updated = "pipedrive_deal_updated";
    public const string Deleted = "pipedrive_deal_deleted";

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
    public const string TransactionId = "transaction_id";

    public static IReadOnlyList<string> Names { get; } = [Added, Updated, Deleted];

    /// <summary>The seed's table, in its order.</summary>
    public static IReadOnlyList<MaileonTransactionAttributeSpec> SeedAttributes { get; } =
    [
        new(DealId, MaileonAttributeType.Integer, true),
        new(Title, MaileonAttributeType.String, false),
        new(Value, MaileonAttributeType.Integer, false),
        new(Currency, MaileonAttributeType.String, false),
        new(Status, MaileonAttributeType.String, false),
        new(PersonName, MaileonAttributeType.String, false),
        new(OrgName, MaileonAttributeType.String, false),
        new(OwnerName, MaileonAttributeType.String, false),
        new(CcEmail, MaileonAttributeType.String, false),
        new(ExpectedCloseDate, MaileonAttributeType.String, false),
        new(Timestamp, MaileonAttributeType.Timestamp, false),
    ];

    /// <summary>What the app creates when the type does not exist: the seed's attributes and <c>transaction_id</c>.</summary>
    public static MaileonTransactionTypeDefinition Definition(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "Not a deal event type.");
        }

        return new MaileonTransactionTypeDefinition(
            name,
            [.. SeedAttributes, new MaileonTransactionAttributeSpec(TransactionId, MaileonAttributeType.String, false)],
            Description: $"Pipedrive deal {name[(name.LastIndexOf('_') + 1)..]} (sent by the Pipedrive app; timestamp in UTC).");
    }

    /// <summary>The values of one deal event, by the seed's names; unknown values are left out.</summary>
    public static IReadOnlyList<DealAttributeValue> Values(
        long dealId, string? title, decimal? value, string? currency, string? status, string? personName, string? orgName,
        string? ownerName, string? ccEmail, DateOnly? expectedCloseDate, DateTimeOffset occurredAt)
    {
        var values = new List<DealAttributeValue> { DealAttributeValue.Of(DealId, dealId) };
        AddText(values, Title, title);
        if (value is { } amount)
        {
            values.Add(DealAttributeValue.Of(Value, amount));
        }

        foreach (var (name, text) in new[] { (Currency, currency), (Status, status), (PersonName, personName), (OrgName, orgName), (OwnerName, ownerName), (CcEmail, ccEmail) })
        {
            AddText(values, name, text);
        }

        if (expectedCloseDate is { } date)
        {
            values.Add(DealAttributeValue.Of(ExpectedCloseDate, date));
        }

        values.Add(DealAttributeValue.Of(Timestamp, occurredAt));
        return values;
    }

    private static void AddText(List<DealAttributeValue> values, string name, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            values.Add(DealAttributeValue.Of(name, text));
        }
    }
}
