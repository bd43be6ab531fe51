namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// A deal event type as the Maileon account declares it: attribute name → Maileon type name. <see cref="Lacking"/> are
/// the seed's attributes it does not have (left out of every event, reported once); <see cref="RequiredUnknown"/> the
/// attributes it requires that the app never sends (Maileon refuses such events one by one; reported once).
/// </summary>
public sealed record AdoptedDealType(
    string Name,
    IReadOnlyDictionary<string, string> Declared,
    IReadOnlyList<string> Lacking,
    IReadOnlyList<string> RequiredUnknown)
{
    public bool SupportsTransactionId => Declared.ContainsKey(SeedDealTypes.TransactionId);

    /// <summary>The one activity-log sentence about this type, or null when it matches the seed's table.</summary>
    public string? Report()
    {
        var parts = new List<string>();
        if (Lacking.Count > 0)
        {
            parts.Add($"it has no attribute {string.Join(", ", Lacking)}, so these are left out of its events");
        }

        if (RequiredUnknown.Count > 0)
        {
            parts.Add($"it requires {string.Join(", ", RequiredUnknown)}, which the app does not have, so Maileon will refuse its events " +
                      "until these are made optional in Maileon");
        }

        var differing = SeedDealTypes.SeedAttributes
            .Where(a => Declared.TryGetValue(a.Name, out var type) && !string.Equals(type, a.Type, StringComparison.OrdinalIgnoreCase))
            .Select(a => $"{a.Name} as {Declared[a.Name]}")
            .ToList();
        if (differing.Count > 0)
        {
            parts.Add($"it declares {string.Join(", ", differing)}, and the app sends them so");
        }

        return parts.Count == 0 ? null : $"Using the existing contact event type \"{Name}\" as it is: {string.Join("; ", parts)}.";
    }
}
