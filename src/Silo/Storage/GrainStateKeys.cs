using System.Text;
using PipedriveMaileon.Database.GrainState;

namespace PipedriveMaileon.Silo.Storage;

/// <summary>
/// Maps a grain and state name to its <c>OrleansStorage</c> row exactly as Orleans' ADO.NET provider (10.x, default
/// hasher) does, so the rows it wrote stay ours to read and write:
/// <list type="bullet">
/// <item>Guid keys: N0/N1 are the two halves of the Guid's bytes; integer keys: N0 = 0, N1 = the number; both with
/// the key extension (if any) in <c>GrainIdExtensionString</c>. Any other key: N0 = N1 = 0 and the whole key as the
/// extension.</item>
/// <item><c>GrainIdHash</c>: Orleans' stable hash (xxHash32) of the key bytes (the number's or Guid's bytes, then the
/// extension's UTF-8), reversed; <c>GrainTypeHash</c>: the same hash of the state name's UTF-8.</item>
/// </list>
/// </summary>
public static class GrainStateKeys
{
    public static GrainStateKey For(string serviceId, string stateName, GrainId grainId)
    {
        // The ADO.NET provider rewrites generic type names before hashing; our state names are plain words.
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            throw new ArgumentException($"State name '{stateName}' looks like a generic type name; use a plain name.", nameof(stateName));
        }

        var typeHash = Hash(Encoding.UTF8.GetBytes(stateName));
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new GrainStateKey(serviceId, stateName, typeHash, KeyHash(bytes, guidExtension),
                BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension);
        }

        if (grainId.TryGetIntegerKey(out var number, out var numberExtension))
        {
            return new GrainStateKey(serviceId, stateName, typeHash, KeyHash(BitConverter.GetBytes(number), numberExtension),
                0, number, numberExtension);
        }

        var key = grainId.Key.ToString();
        return new GrainStateKey(serviceId, stateName, typeHash, KeyHash([], key), 0, 0, key);
    }

    private static int KeyHash(byte[] keyBytes, string? extension)
    {
        var bytes = extension is null ? keyBytes : [.. keyBytes, .. Encoding.UTF8.GetBytes(extension)];
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return Hash(bytes);
    }

    private static int Hash(byte[] bytes) => unchecked((int)StableHash.ComputeHash(bytes));
}
