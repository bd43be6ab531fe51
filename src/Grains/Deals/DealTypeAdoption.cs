using System.Text.Json.Nodes;
using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Deals;

/// <summary>
/// Adopts a deal event type as the account has it (made by the incumbent app, by hand, or by us) instead of refusing
/// it: every attribute goes out in the type the account declares, attributes it lacks are left out (reported once, see
/// <see cref="AdoptedDealType.Report"/>), so no type built differently parks every event.
/// </summary>
public static class DealTypeAdoption
{
    public static AdoptedDealType Adopt(MaileonTransactionType existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var declared = existing.Attributes
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        var seedNames = SeedDealTypes.SeedAttributes.Select(a => a.Name).Append(SeedDealTypes.TransactionId).ToHashSet(StringComparer.Ordinal);
        return new AdoptedDealType(
            existing.Name,
            declared,
            [.. SeedDealTypes.SeedAttributes.Select(a => a.Name).Where(n => !declared.ContainsKey(n))],
            [.. existing.Attributes.Where(a => a.Required && !seedNames.Contains(a.Name)).Select(a => a.Name).Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>The type as the app creates it (<see cref="SeedDealTypes.Definition"/>).</summary>
    public static AdoptedDealType Created(string name)
    {
        var definition = SeedDealTypes.Definition(name);
        return Adopt(new MaileonTransactionType(0, definition.Name, definition.Attributes));
    }

    /// <summary>The event's content in the declared types; values the type does not declare are left out silently (reported once at adoption).</summary>
    public static DealEventContent Content(AdoptedDealType type, IReadOnlyList<DealAttributeValue> values)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        var content = new JsonObject();
        var notes = new List<string>();
        foreach (var value in values)
        {
            if (!type.Declared.TryGetValue(value.Name, out var declaredType))
            {
                continue;
            }

            var (converted, note) = DealAttributeCoercion.To(declaredType, value);
            if (converted is not null)
            {
                content[value.Name] = converted;
            }

            if (note is not null)
            {
                notes.Add(note);
            }
        }

        return new DealEventContent(content, notes);
    }
}
