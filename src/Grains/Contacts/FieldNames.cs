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
}
