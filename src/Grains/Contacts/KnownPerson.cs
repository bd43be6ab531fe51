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

    /// <summary>The top-level fields <see cref="Merge"/> tracks (wire names).</summary>
    private static readonly string[] TrackedFields = ["name", "first_name", "last_name", "owner_id", "org_id"];

    private int seen;
    private FieldMap<PersonFieldValue> customFields = FieldMap<PersonFieldValue>.Empty;
    private FieldMap<string?> standardFields = FieldMap<string?>.Empty;

    /// <summary>
    /// The top-level fields (wire names) some event carried: only these are known, the rest were never seen. Stored
    /// as the names, held as bits of <see cref="TrackedFields"/>: as a set of strings it was the largest object of an
    /// idle person grain.
    /// </summary>
    public IReadOnlyCollection<string> SeenFields
    {
        get => TrackedFields.Where((_, bit) => (seen & (1 << bit)) != 0).ToList();
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            seen = 0;
            foreach (var name in value)
            {
                MarkSeen(name);
            }
        }
    }

    /// <summary>Custom field values by field key; the keys are the silo's shared copies (<see cref="FieldNames"/>).</summary>
    public IReadOnlyDictionary<string, PersonFieldValue> CustomFields
    {
        get => customFields;
        set => customFields = FieldMap<PersonFieldValue>.Of(value);
    }

    /// <summary>Standard fields beyond the tracked ones (e.g. <c>phone</c>) by wire name, keys shared like <see cref="CustomFields"/>.</summary>
    public IReadOnlyDictionary<string, string?> StandardFields
    {
        get => standardFields;
        set => standardFields = FieldMap<string?>.Of(value);
    }

    public bool Deleted { get; set; }

    /// <summary>Records that an event carried <paramref name="field"/> (one of the tracked fields; others are ignored).</summary>
    public void MarkSeen(string field)
    {
        var bit = Array.IndexOf(TrackedFields, field);
        if (bit >= 0)
        {
            seen |= 1 << bit;
        }
    }

    /// <summary>
    /// Merges what <paramref name="snapshot"/> carries. Returns true when a field that goes to Maileon changed; the
    /// Newsletter field (<paramref name="newsletterKey"/>) never goes there, so its change alone (above all the echo of
    /// the app's own write) is none.
    /// </summary>
    public bool Merge(PersonSnapshot snapshot, DateTimeOffset at, string? newsletterKey = null)
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

            MarkSeen(field);
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

        var customChanges = snapshot.CustomFields.Where(f => !customFields.TryGetValue(f.Key, out var old) || !SameValue(old, f.Value)).ToList();
        if (customChanges.Count > 0)
        {
            customFields = customFields.SetAll(customChanges);
            changed |= customChanges.Any(f => !string.Equals(f.Key, newsletterKey, StringComparison.Ordinal));
        }

        var standardChanges = snapshot.StandardFields.Where(f => !standardFields.TryGetValue(f.Key, out var old) || old != f.Value).ToList();
        if (standardChanges.Count > 0)
        {
            standardFields = standardFields.SetAll(standardChanges);
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Whether the event is newer than the data known. At the same source time (two edits within one of Pipedrive's
    /// milliseconds) a create is the older event, and a change the newer only if it changed the data known here.
    /// </summary>
    public bool IsNewer(PersonEvent personEvent)
    {
        ArgumentNullException.ThrowIfNull(personEvent);
        var at = personEvent.Meta.Timestamp;
        return DataAt != at
            ? !(DataAt > at)
            : personEvent.Meta.Action != PipedriveAction.Create && personEvent.Previous is { } previous && ContinuesFrom(previous);
    }

    /// <summary>
    /// Merges the data of an event found <see cref="IsNewer"/>: at its source time, or a tick past the data known when
    /// that is the same, so the data's time still says it moved on (a contact made from the data before is updated).
    /// </summary>
    public bool MergeNewer(PersonSnapshot snapshot, DateTimeOffset at, string? newsletterKey) =>
        Merge(snapshot, DataAt == at ? at.AddTicks(1) : at, newsletterKey);

    /// <summary>
    /// Whether a change with the old values <paramref name="previous"/> (a v2 change names only the fields it changed)
    /// was made to the data known here: every field it names that is known here had the value known now.
    /// </summary>
    private bool ContinuesFrom(PersonSnapshot previous)
    {
        bool Same<T>(string field, T before, T known) =>
            !previous.Has(field) || !IsSeen(field) || EqualityComparer<T>.Default.Equals(before, known);

        return Same("name", previous.Name, Name)
            && Same("first_name", previous.FirstName, FirstName)
            && Same("last_name", previous.LastName, LastName)
            && Same("owner_id", previous.OwnerId, OwnerId)
            && Same("org_id", previous.OrgId, OrgId)
            && (!previous.Has("emails") || !EmailKnown || string.Equals(previous.PrimaryEmail, PrimaryEmail, StringComparison.OrdinalIgnoreCase))
            && previous.CustomFields.All(f => !customFields.TryGetValue(f.Key, out var known) || SameValue(known, f.Value))
            && previous.StandardFields.All(f => !standardFields.TryGetValue(f.Key, out var known) || known == f.Value);
    }

    private bool IsSeen(string field)
    {
        var bit = Array.IndexOf(TrackedFields, field);
        return bit >= 0 && (seen & (1 << bit)) != 0;
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
