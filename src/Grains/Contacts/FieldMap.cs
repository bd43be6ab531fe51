using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// A person's field values by field name, held as one small array in insertion order with the silo's shared names
/// (<see cref="FieldNames"/>): a person has few fields and they change rarely, so a lookup is a short scan, a change
/// copies the array, and an empty map is one shared instance. As a dictionary (buckets, entries, comparer) they were
/// about a fifth of an idle person grain. Immutable, so instances can be shared.
/// </summary>
public sealed class FieldMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    public static readonly FieldMap<TValue> Empty = new([]);

    private readonly KeyValuePair<string, TValue>[] entries;

    private FieldMap(KeyValuePair<string, TValue>[] entries) => this.entries = entries;

    /// <summary>The entries of <paramref name="source"/> (the last value of a name counts), or <see cref="Empty"/>.</summary>
    public static FieldMap<TValue> Of(IEnumerable<KeyValuePair<string, TValue>>? source) =>
        source switch
        {
            null => Empty,
            FieldMap<TValue> map => map,
            _ => Empty.SetAll(source),
        };

    public int Count => entries.Length;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No field '{key}'.");

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public IEnumerable<TValue> Values => entries.Select(e => e.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? entries[index].Value : default;
        return index >= 0;
    }

    /// <summary>This map with <paramref name="changes"/> applied: a name present keeps its place, a new one goes last.</summary>
    public FieldMap<TValue> SetAll(IEnumerable<KeyValuePair<string, TValue>> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var result = new List<KeyValuePair<string, TValue>>(entries);
        foreach (var (key, value) in changes)
        {
            var name = FieldNames.Intern(key);
            var index = result.FindIndex(e => string.Equals(e.Key, name, StringComparison.Ordinal));
            if (index >= 0)
            {
                result[index] = new(name, value);
            }
            else
            {
                result.Add(new(name, value));
            }
        }

        return result.Count == 0 ? Empty : new FieldMap<TValue>([.. result]);
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
