using System.Globalization;
using System.Text;
using PipedriveMaileon.ApiClients.Maileon;
using PipedriveMaileon.Grains.Interfaces.Tenants;
using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// Maps a Pipedrive person to the Maileon contact body (seed's contact field table plus the tenant's extra fields), with
/// our external id; who may write which field of an existing contact (<c>createdByPipedrive</c>, <c>pipedriveId</c>,
/// the external id, the permission) is <see cref="MaileonContactOwnership"/>'s decision.
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

    public static MaileonContactMapping Map(PersonSnapshot person, ContactMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(context);

        var notes = new List<string>();
        var standard = new Dictionary<string, string?>(StringComparer.Ordinal);
        var custom = new Dictionary<string, string?>(StringComparer.Ordinal);

        MapNames(person, standard, notes);
        MapOrganization(person, context, standard, notes);

        MapOwner(person, context, custom, notes);
        ExtraFieldValues.MapExtras(person, context.ExtraFields, custom, notes);

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

    internal static void Put(Dictionary<string, string?> fields, string name, string value, string label, List<string> notes) =>
        fields[name] = Cut(value, label, notes);

    /// <summary>
    /// Cuts to Maileon's limit in code points (as Maileon counts), ending at a text-element boundary so neither a
    /// surrogate pair nor a combined character (emoji sequence, accent) is split.
    /// </summary>
    internal static string Cut(string value, string label, List<string> notes)
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

    internal static string Quote(string text)
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
