using System.Text.Json.Nodes;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// When the person field shows a hard bounce: set when a hard bounce was recorded for the person's current primary
/// address, cleared when the person's address changed since (the bounce belonged to the old address). Written only
/// when the field says otherwise; a set field keeps its other options.
/// </summary>
public static class BounceFlagRules
{
    /// <param name="field">The adopted or created field.</param>
    /// <param name="current">The field's value on the person (enum: the option id; set: the ids), null when empty.</param>
    /// <param name="bouncedAddressIsCurrent">Whether the person's latest recorded hard bounce was for its current primary address.</param>
    /// <returns>The write to make, or null when the field already says the right thing (or there is no usable field).</returns>
    public static BounceFlagWrite? Decide(BounceFlagAdoption field, JsonNode? current, bool bouncedAddressIsCurrent)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.FieldKey is not { } key || field.OptionId is not { } option)
        {
            return null;
        }

        var ids = current switch
        {
            JsonArray array => [.. array.Select(n => n is JsonValue v && v.TryGetValue<long>(out var id) ? id : 0).Where(id => id != 0)],
            JsonValue value when value.TryGetValue<long>(out var id) => [id],
            _ => new List<long>(),
        };
        if (ids.Contains(option) == bouncedAddressIsCurrent)
        {
            return null;
        }

        if (!field.IsSet)
        {
            return new BounceFlagWrite(key, bouncedAddressIsCurrent ? JsonValue.Create(option) : null);
        }

        var wanted = bouncedAddressIsCurrent ? [.. ids, option] : ids.Where(id => id != option).ToList();
        return new BounceFlagWrite(key, wanted.Count == 0 ? null : new JsonArray([.. wanted.Order().Select(id => (JsonNode)JsonValue.Create(id))]));
    }
}
