using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// The three Maileon contact-event types for deals and their attributes: the seed's table, mapped to types Maileon
/// has (<c>value</c> is a float, <c>expected_close_date</c> a date, <c>timestamp</c> a timestamp in UTC, since
/// Maileon has no datetime), plus the special <c>transaction_id</c> that makes each event findable by our id.
/// </summary>
public static class DealTransactionTypes
{
    public const string Added = "pipedrive_deal_added";
    public const string Updated = "pipedrive_deal_updated";
    public const string Deleted = "pipedrive_deal_deleted";
    public const string TransactionIdAttribute = "transaction_id";

    public static IReadOnlyList<string> Names { get; } = [Added, Updated, Deleted];

    /// <summary>The attributes of each type, in the seed's order.</summary>
    public static IReadOnlyList<MaileonTransactionAttributeSpec> Attributes { get; } =
    [
        new(DealEventMapper.DealId, MaileonAttributeType.Integer, true),
        new(DealEventMapper.Title, MaileonAttributeType.String, false),
        new(DealEventMapper.Value, MaileonAttributeType.Float, false),
        new(DealEventMapper.Currency, MaileonAttributeType.String, false),
        new(DealEventMapper.Status, MaileonAttributeType.String, false),
        new(DealEventMapper.PersonName, MaileonAttributeType.String, false),
        new(DealEventMapper.OrgName, MaileonAttributeType.String, false),
        new(DealEventMapper.OwnerName, MaileonAttributeType.String, false),
        new(DealEventMapper.CcEmail, MaileonAttributeType.String, false),
        new(DealEventMapper.ExpectedCloseDate, MaileonAttributeType.Date, false),
        new(DealEventMapper.Timestamp, MaileonAttributeType.Timestamp, false),
        new(TransactionIdAttribute, MaileonAttributeType.String, false),
    ];

    public static string NameOf(DealWorkKind kind) => kind switch
    {
        DealWorkKind.Added => Added,
        DealWorkKind.Updated => Updated,
        DealWorkKind.Deleted => Deleted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static MaileonTransactionTypeDefinition Definition(string name)
    {
        if (!Names.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "Not a deal event type.");
        }

        var what = name switch
        {
            Added => "created",
            Updated => "updated",
            _ => "deleted",
        };
        return new MaileonTransactionTypeDefinition(
            name,
            Attributes,
            Description: $"A Pipedrive deal of this contact was {what} (sent by the Pipedrive app; timestamp in UTC).");
    }

    /// <summary>
    /// Checks a type that already exists under one of our names. Compatible when every attribute we send exists with
    /// the same type and the type requires nothing we do not send; extra optional attributes are fine. A missing
    /// <c>transaction_id</c> is tolerated (events are then sent without it).
    /// </summary>
    public static DealTypeCheck Check(MaileonTransactionType existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new List<string>();
        var supportsTransactionId = false;
        foreach (var wanted in Attributes)
        {
            var found = existing.Attributes.FirstOrDefault(a => string.Equals(a.Name, wanted.Name, StringComparison.Ordinal));
            if (found is null)
            {
                if (wanted.Name != TransactionIdAttribute)
                {
                    problems.Add($"attribute {wanted.Name} is missing");
                }

                continue;
            }

            if (!SameType(found.Type, wanted.Type))
            {
                problems.Add($"attribute {wanted.Name} is {found.Type}, the app sends {wanted.Type}");
            }
            else if (wanted.Name == TransactionIdAttribute)
            {
                supportsTransactionId = true;
            }
        }

        foreach (var extra in existing.Attributes.Where(a => a.Required && Attributes.All(w => !string.Equals(w.Name, a.Name, StringComparison.Ordinal))))
        {
            problems.Add($"attribute {extra.Name} is required but the app does not send it");
        }

        if (problems.Count == 0)
        {
            return DealTypeCheck.Ok(supportsTransactionId);
        }

        return DealTypeCheck.Mismatch(
            $"Maileon already has a contact event type \"{existing.Name}\" with other attributes ({string.Join("; ", problems)}). " +
            "Deal events are not sent until this is resolved: delete or rename that contact event type in Maileon, then retry the parked deal events.");
    }

    private static bool SameType(string existing, string wanted) =>
        string.Equals(existing, wanted, StringComparison.OrdinalIgnoreCase)
        || (string.Equals(wanted, "float", StringComparison.Ordinal) && string.Equals(existing, "double", StringComparison.OrdinalIgnoreCase));
}
