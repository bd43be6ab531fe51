using PipedriveMaileon.Grains.Interfaces.Webhooks;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// The person's fields as the latest events showed them, merged field by field (a v2 webhook's data is reduced,
/// so fields it does not carry keep their last known value). Stored with the grain; used to build the Maileon contact.
/// </summary>
public sealed class KnownPerson
{
    public string? Name { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PrimaryEmail { get; set; }
    public long? OwnerId { get; set; }
    public long? OrgId { get; set; }

    /// <summary>Source time of the newest event whose data was merged in; older data never overwrites newer.</summary>
    public DateTimeOffset? DataAt { get; set; }

    public bool EmailKnown { get; set; }

    /// <summary>The top-level fields (wire names) some event carried: only these are known, the rest were never seen.</summary>
    public HashSet<string> SeenFields { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, PersonFieldValue> CustomFields { get; set; } = [];
    public Dictionary<string, string?> StandardFields { get; set; } = [];
    public bool Deleted { get; set; }

    /// <summary>Merges what <paramref name="snapshot"/> carries. Returns true when a field that goes to Maileon changed.</summary>
    public bool Merge(PersonSnapshot snapshot, DateTimeOffset at)
    {
        if (DataAt is { } newest && at < newest)
        {
            return false;
        }

        DataAt = at;
        var changed = false;
        void Set<T>(string field, T value, Func<T> current, Action<T> assign)
        {
            if (!snapshot.Has(field))
            {
                return;
            }

            SeenFields.Add(field);
            if (!EqualityComparer<T>.Default.Equals(current(), value))
            {
                assign(value);
                changed = true;
            }
        }

        Set("name", snapshot.Name, () => Name, v => Name = v);
        Set("first_name", snapshot.FirstName, () => FirstName, v => FirstName = v);
        Set("last_name", snapshot.LastName, () => LastName, v => LastName = v);
        Set("owner_id", snapshot.OwnerId, () => OwnerId, v => OwnerId = v);
        Set("org_id", snapshot.OrgId, () => OrgId, v => OrgId = v);
        if (snapshot.Has("emails"))
        {
            EmailKnown = true;
            if (!string.Equals(PrimaryEmail, snapshot.PrimaryEmail, StringComparison.Ordinal))
            {
                PrimaryEmail = snapshot.PrimaryEmail;
                changed = true;
            }
        }

        foreach (var (key, value) in snapshot.CustomFields)
        {
            if (!CustomFields.TryGetValue(key, out var old) || !SameValue(old, value))
            {
                CustomFields[key] = value;
                changed = true;
            }
        }

        foreach (var (key, value) in snapshot.StandardFields)
        {
            if (!StandardFields.TryGetValue(key, out var old) || old != value)
            {
                StandardFields[key] = value;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>The person as one complete snapshot (every known field present), for the contact mapper.</summary>
    public PersonSnapshot ToSnapshot(long personId)
    {
        // A field never seen is absent, not empty: claiming it would blank the Maileon field.
        var present = new HashSet<string>(SeenFields, StringComparer.Ordinal);
        if (EmailKnown)
        {
            present.Add("emails");
        }

        present.UnionWith(StandardFields.Keys);
        return new PersonSnapshot
        {
            Id = personId,
            Name = Name,
            FirstName = FirstName,
            LastName = LastName,
            PrimaryEmail = PrimaryEmail,
            Emails = PrimaryEmail is null ? [] : [PrimaryEmail],
            OwnerId = OwnerId,
            OrgId = OrgId,
            UpdateTime = DataAt,
            CustomFields = new Dictionary<string, PersonFieldValue>(CustomFields),
            StandardFields = new Dictionary<string, string?>(StandardFields),
            PresentFields = present,
        };
    }

    private static bool SameValue(PersonFieldValue a, PersonFieldValue b) =>
        a.OptionId == b.OptionId && a.Text == b.Text && a.Currency == b.Currency && a.OptionIds.SequenceEqual(b.OptionIds);
}
