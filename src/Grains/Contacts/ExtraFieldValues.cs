using System.Globalization;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;
using static PipedriveMaileon.Grains.Contacts.MaileonContactMapper;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The tenant's extra fields for <see cref="MaileonContactMapper"/>: each chosen Pipedrive field, standard or custom,
/// converted to the Maileon custom field's type (text, integer, float, date, boolean; option ids as their labels).
/// A value that does not convert is left out and noted; it never fails the contact.
/// </summary>
internal static class ExtraFieldValues
{
    private static readonly HashSet<string> Truthy = new(StringComparer.OrdinalIgnoreCase) { "true", "1", "yes", "y", "on" };
    private static readonly HashSet<string> Falsy = new(StringComparer.OrdinalIgnoreCase) { "false", "0", "no", "n", "off" };

    public static void MapExtras(PersonSnapshot person, IReadOnlyList<ExtraFieldConfig> extras, Dictionary<string, string?> custom, List<string> notes)
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
}
