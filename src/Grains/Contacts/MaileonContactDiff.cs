using PipedriveMaileon.ApiClients.Maileon;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// Compares a freshly mapped contact body with what was last sent, so the grain can skip a Maileon update when
/// nothing mapped changed. A null value in <c>after</c> means "not carried" (Maileon keeps its value) and is never a
/// change; a field missing from <c>before</c> counts as unknown, so any value for it is a change.
/// </summary>
public static class MaileonContactDiff
{
    public const string ExternalIdField = "external_id";

    public static bool HasChanges(MaileonContactData? before, MaileonContactData after) => ChangedFields(before, after).Count > 0;

    /// <summary>The names of the fields <paramref name="after"/> would change (<see cref="ExternalIdField"/> for the external id).</summary>
    public static IReadOnlyList<string> ChangedFields(MaileonContactData? before, MaileonContactData after)
    {
        ArgumentNullException.ThrowIfNull(after);

        var changed = new List<string>();
        if (after.ExternalId is not null && !string.Equals(after.ExternalId, before?.ExternalId, StringComparison.Ordinal))
        {
            changed.Add(ExternalIdField);
        }

        Collect(before?.StandardFields, after.StandardFields, changed);
        Collect(before?.CustomFields, after.CustomFields, changed);
        return changed;
    }

    /// <summary>What Maileon holds after <paramref name="after"/> is sent on top of <paramref name="before"/>: the new body to remember.</summary>
    public static MaileonContactData Apply(MaileonContactData? before, MaileonContactData after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return new MaileonContactData(
            after.ExternalId ?? before?.ExternalId,
            Overlay(before?.StandardFields, after.StandardFields),
            Overlay(before?.CustomFields, after.CustomFields));
    }

    private static void Collect(IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?> after, List<string> changed)
    {
        foreach (var (name, value) in after.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (value is null)
            {
                continue;
            }

            string? old = null;
            if (before?.TryGetValue(name, out old) != true || !string.Equals(old, value, StringComparison.Ordinal))
            {
                changed.Add(name);
            }
        }
    }

    private static Dictionary<string, string?> Overlay(IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?> after)
    {
        var merged = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in before ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                merged[name] = value;
            }
        }

        foreach (var (name, value) in after)
        {
            if (value is not null)
            {
                merged[name] = value;
            }
        }

        return merged;
    }
}
