using System.Globalization;
using System.Text;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// Maps a Pipedrive person to the Maileon contact body (seed's contact field table plus the tenant's extra fields).
/// <para>
/// Only what the snapshot carries is set: a field the snapshot does not carry stays out of the body (Maileon keeps
/// its value), so a partial webhook never blanks anything; a field carried but empty is sent as <c>""</c>, which
/// clears it in Maileon. Values are not escaped or trimmed here (the client writes XML); strings are cut to
/// Maileon's 255 code points at a text-element boundary, and every cut, unconvertible or unknown value becomes a
/// note for the activity log.
/// </para>
/// <para>
/// Presence is read from <see cref="PersonSnapshot.PresentFields"/> by Pipedrive wire name: <c>name</c>,
/// <c>first_name</c>, <c>last_name</c>, <c>org_id</c>, <c>owner_id</c>. Extra fields are present when their key is in
/// <see cref="PersonSnapshot.CustomFields"/> (40-hex keys) or <see cref="PersonSnapshot.StandardFields"/> (wire names).
/// </para>
/// </summary>
public static class MaileonContactMapper
{
    private const int MaxLength = MaileonLimits.ContactFieldLength;
    private const int MaxQuotedLength = 40;

    private static readonly HashSet<string> Truthy = new(StringComparer.OrdinalIgnoreCase) { "true", "1", "yes", "y", "on" };
    private static readonly HashSet<string> Falsy = new(StringComparer.OrdinalIgnoreCase) { "false", "0", "no", "n", "off" };

    public static MaileonContactMapping Map(PersonSnapshot person, ContactMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(context);

        var notes = new List<string>();
        var standard = new Dictionary<string, string?>(StringComparer.Ordinal);
        var custom = new Dictionary<string, string?>(StringComparer.Ordinal);

        MapNames(person, standard, notes);
        MapOrganization(person, context, standard, notes);

        custom[MaileonContactFields.CreatedByPipedrive] = "true";
        // The seed's "Pipedrive ID for Maileon webhooks": the company, so a Maileon webhook names the tenant.
        if (context.CompanyId is >= int.MinValue and <= int.MaxValue)
        {
            custom[MaileonContactFields.PipedriveId] = context.CompanyId.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            notes.Add($"{MaileonContactFields.PipedriveId} {context.CompanyId} does not fit Maileon's 32-bit integer; left out");
        }

        MapOwner(person, context, custom, notes);
        MapExtras(person, context.ExtraFields, custom, notes);

        var data = new MaileonContactData(ExternalId(context.CompanyId, person.Id), standard, custom);
        return new MaileonContactMapping(data, notes);
    }

    private static string ExternalId(long companyId, long personId) =>
        string.Create(CultureInfo.InvariantCulture, $"pd-{companyId}-{personId}");

    private static void MapNames(PersonSnapshot person, Dictionary<string, string?> standard, List<string> notes)
    {
        var hasFirst = person.Has("first_name");
        var hasLast = person.Has("last_name");
        var noFirstOrLast = string.IsNullOrWhiteSpace(hasFirst ? person.FirstName : null)
            && string.IsNullOrWhiteSpace(hasLast ? person.LastName : null);

        if (noFirstOrLast && person.Has("name") && !string.IsNullOrWhiteSpace(person.Name))
        {
            var (first, last) = SplitName(person.Name);
            Put(standard, MaileonContactFields.FirstName, first, MaileonContactFields.FirstName, notes);
            Put(standard, MaileonContactFields.LastName, last, MaileonContactFields.LastName, notes);
        }
        else
        {
            if (hasFirst)
            {
                Put(standard, MaileonContactFields.FirstName, person.FirstName ?? string.Empty, MaileonContactFields.FirstName, notes);
            }

            if (hasLast)
            {
                Put(standard, MaileonContactFields.LastName, person.LastName ?? string.Empty, MaileonContactFields.LastName, notes);
            }
        }

        if (person.Has("name"))
        {
            Put(standard, MaileonContactFields.FullName, person.Name ?? string.Empty, MaileonContactFields.FullName, notes);
        }
    }

    /// <summary>First word is the first name, the rest the last name ("Anna Maria Schmidt" → "Anna", "Maria Schmidt").</summary>
    private static (string First, string Last) SplitName(string name)
    {
        var trimmed = name.Trim();
        var gap = 0;
        while (gap < trimmed.Length && !char.IsWhiteSpace(trimmed[gap]))
        {
            gap++;
        }

        return (trimmed[..gap], trimmed[gap..].TrimStart());
    }

    private static void MapOrganization(PersonSnapshot person, ContactMappingContext context, Dictionary<string, string?> standard, List<string> notes)
    {
        if (!person.Has("org_id"))
        {
            return;
        }

        if (person.OrgId is null)
        {
            Put(standard, MaileonContactFields.Organization, string.Empty, MaileonContactFields.Organization, notes);
        }
        else if (context.OrganizationName is { } organization)
        {
            Put(standard, MaileonContactFields.Organization, organization, MaileonContactFields.Organization, notes);
        }
        else
        {
            notes.Add($"name of organisation {person.OrgId} is not known; {MaileonContactFields.Organization} left unchanged");
        }
    }

    private static void MapOwner(PersonSnapshot person, ContactMappingContext context, Dictionary<string, string?> custom, List<string> notes)
    {
        if (!person.Has("owner_id"))
        {
            return;
        }

        if (person.OwnerId is null)
        {
            custom[MaileonContactFields.OwnerName] = string.Empty;
            custom[MaileonContactFields.OwnerEmail] = string.Empty;
            return;
        }

        foreach (var (field, value) in new[] { (MaileonContactFields.OwnerName, context.OwnerName), (MaileonContactFields.OwnerEmail, context.OwnerEmail) })
        {
            if (value is null)
            {
                notes.Add($"{field} of owner {person.OwnerId} is not known; left unchanged");
            }
            else
            {
                Put(custom, field, value, field, notes);
            }
        }
    }

    private static void MapExtras(PersonSnapshot person, IReadOnlyList<ExtraFieldConfig> extras, Dictionary<string, string?> custom, List<string> notes)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal)
        {
            MaileonContactFields.CreatedByPipedrive,
            MaileonContactFields.PipedriveId,
            MaileonContactFields.OwnerName,
            MaileonContactFields.OwnerEmail,
        };

        foreach (var extra in extras)
        {
            if (!taken.Add(extra.Name))
            {
                notes.Add($"extra field '{extra.Name}' is already filled by another mapping; left out");
                continue;
            }

            if (Lookup(person, extra.PipedriveKey) is not { } value)
            {
                continue;
            }

            if (Convert(extra, value, notes) is { } converted)
            {
                custom[extra.Name] = converted;
            }
        }
    }

    private static PersonFieldValue? Lookup(PersonSnapshot person, string key)
    {
        if (person.CustomFields.TryGetValue(key, out var value))
        {
            return value;
        }

        // Present only when the snapshot carries the value itself; a bare presence flag would risk blanking Maileon.
        return person.StandardFields.TryGetValue(key, out var text) ? new PersonFieldValue { Text = text } : null;
    }

    /// <summary>The value as Maileon expects it for the extra's type, "" to clear, or null to leave it out.</summary>
    private static string? Convert(ExtraFieldConfig extra, PersonFieldValue value, List<string> notes)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (!Enum.TryParse<MaileonCustomFieldType>(extra.MaileonFieldType, ignoreCase: true, out var type) || !Enum.IsDefined(type))
        {
            notes.Add($"extra field '{extra.Name}' has the unknown Maileon type '{extra.MaileonFieldType}'; left out");
            return null;
        }

        if (Text(extra, value, notes) is not { } text)
        {
            return null;
        }

        return type switch
        {
            MaileonCustomFieldType.Integer => ToInteger(extra, text, notes),
            MaileonCustomFieldType.Float => ToFloat(extra, text, notes),
            MaileonCustomFieldType.Date => ToDate(extra, text, notes),
            MaileonCustomFieldType.Boolean => ToBoolean(extra, text, notes),
            _ => Cut(text, $"extra field '{extra.Name}'", notes),
        };
    }

    /// <summary>The value as text: option labels for enum/set values (ids in text too), the text otherwise.</summary>
    private static string? Text(ExtraFieldConfig extra, PersonFieldValue value, List<string> notes)
    {
        if (value.OptionId is { } optionId)
        {
            return Labels(extra, [optionId], notes);
        }

        if (value.OptionIds.Count > 0)
        {
            return Labels(extra, value.OptionIds, notes);
        }

        var text = value.Text ?? string.Empty;
        if (extra.PipedriveFieldType is "enum" or "set" && OptionIdsIn(text) is { } ids)
        {
            return Labels(extra, ids, notes);
        }

        return text;
    }

    /// <summary>The ids when the text is an option id or a comma-separated list of them (v1 and standard fields).</summary>
    private static List<long>? OptionIdsIn(string text)
    {
        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }

    private static string? Labels(ExtraFieldConfig extra, IReadOnlyList<long> ids, List<string> notes)
    {
        var labels = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            if (extra.OptionLabels.TryGetValue(id, out var label))
            {
                labels.Add(label);
            }
            else
            {
                notes.Add($"extra field '{extra.Name}' option {id} is not a known option; left out");
            }
        }

        return labels.Count == 0 ? null : string.Join(", ", labels);
    }

    private static string? ToInteger(ExtraFieldConfig extra, string text, List<string> notes)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || decimal.Truncate(number) != number)
        {
            notes.Add($"extra field '{extra.Name}' value {Quote(text)} is not a whole number; left out");
            return null;
        }

        if (number is < int.MinValue or > int.MaxValue)
        {
            notes.Add($"extra field '{extra.Name}' value {Quote(text)} does not fit Maileon's 32-bit integer; left out");
            return null;
        }

        return ((int)number).ToString(CultureInfo.InvariantCulture);
    }

    private static string? ToFloat(ExtraFieldConfig extra, string text, List<string> notes)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            notes.Add($"extra field '{extra.Name}' value {Quote(text)} is not a number; left out");
            return null;
        }

        return number.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary><c>yyyy-MM-dd</c>, also the date part of a timestamp written as <c>yyyy-MM-dd HH:mm:ss</c> or ISO 8601.</summary>
    private static string? ToDate(ExtraFieldConfig extra, string text, List<string> notes)
    {
        var trimmed = text.Trim();
        var datePart = trimmed.Length > 10 && trimmed[10] is 'T' or ' ' ? trimmed[..10] : trimmed;
        if (DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        notes.Add($"extra field '{extra.Name}' value {Quote(text)} is not a date; left out");
        return null;
    }

    private static string? ToBoolean(ExtraFieldConfig extra, string text, List<string> notes)
    {
        var trimmed = text.Trim();
        if (Truthy.Contains(trimmed))
        {
            return "true";
        }

        if (Falsy.Contains(trimmed))
        {
            return "false";
        }

        notes.Add($"extra field '{extra.Name}' value {Quote(text)} is not a yes/no value; left out");
        return null;
    }

    private static void Put(Dictionary<string, string?> fields, string name, string value, string label, List<string> notes) =>
        fields[name] = Cut(value, label, notes);

    /// <summary>
    /// Cuts to Maileon's limit in code points (as Maileon counts), ending at a text-element boundary so neither a
    /// surrogate pair nor a combined character (emoji sequence, accent) is split.
    /// </summary>
    private static string Cut(string value, string label, List<string> notes)
    {
        var length = CodePoints(value);
        if (length <= MaxLength)
        {
            return value;
        }

        var end = 0;
        var count = 0;
        while (end < value.Length)
        {
            var elementLength = StringInfo.GetNextTextElementLength(value.AsSpan(end));
            var elementPoints = CodePoints(value.AsSpan(end, elementLength));
            if (count + elementPoints > MaxLength)
            {
                break;
            }

            count += elementPoints;
            end += elementLength;
        }

        // A single text element longer than the limit cannot be kept whole: fall back to whole code points.
        var cut = end == 0 ? MaileonLimits.Clip(value, MaxLength) : value[..end];
        notes.Add($"{label} cut from {length} to {CodePoints(cut)} characters");
        return cut;
    }

    private static int CodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Quote(string text)
    {
        if (CodePoints(text) <= MaxQuotedLength)
        {
            return $"'{text}'";
        }

        var builder = new StringBuilder("'");
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count++ == MaxQuotedLength)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.Append("…'").ToString();
    }
}
