using System.Collections.Concurrent;

namespace PipedriveMaileon.Grains.Contacts;

/// <summary>
/// One shared copy per silo of each Pipedrive field name (standard names like <c>phone</c>, and the 40-hex keys of
/// custom fields) that person grains hold as dictionary keys. Every person of a tenant carries the same few names,
/// and each deserialized state or parsed webhook would otherwise keep its own copies. Bounded: past
/// <see cref="Capacity"/> distinct names a name is kept as given.
/// </summary>
public static class FieldNames
{
    public const int Capacity = 20_000;

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    public static string Intern(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        return Names.Count < Capacity ? Names.GetOrAdd(name, name) : name;
    }

    /// <summary>The same entries keyed by the shared names (the dictionary itself when it is empty).</summary>
    public static Dictionary<string, TValue> InternKeys<TValue>(Dictionary<string, TValue> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return entries;
        }

        var interned = new Dictionary<string, TValue>(entries.Count, StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            interned[Intern(key)] = value;
        }

        return interned;
    }
}
