using System.Buffers.Text;
using System.IO.Hashing;
using System.Text;

namespace PipedriveMaileon.Grains.Hosting;

/// <summary>
/// The ids of the events a grain recorded lately (oldest first, bounded), so a redelivery is answered as a duplicate.
/// Each id is kept as an 11-character digest (its 64-bit XXH3, base64url) instead of the id itself: a Pipedrive event
/// id is a 36-character UUID, and a busy person's 32 of them would be most of its stored state, carried by every
/// write. XXH3 is a fixed, published function (digests stored by one version match the next's) and cheap on the
/// ingest path. Two ids sharing a digest (about 32 in 2^64 per event, or ids a tenant's own sender crafted) would make
/// the later event of that grain look seen. Lists stored before hold full ids; those are still matched until newer
/// digests push them out.
/// </summary>
public static class RecentEventIds
{
    /// <summary>Ids whose UTF-8 may be longer than this are encoded into a heap buffer instead of the stack.</summary>
    private const int StackLimit = 256;

    public static bool Contains(List<string> recent, string eventId)
    {
        ArgumentNullException.ThrowIfNull(recent);
        var digest = Digest(eventId);
        foreach (var seen in recent)
        {
            if (string.Equals(seen, digest, StringComparison.Ordinal) || string.Equals(seen, eventId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static void Add(List<string> recent, string eventId, int capacity)
    {
        ArgumentNullException.ThrowIfNull(recent);
        recent.Add(Digest(eventId));
        if (recent.Count > capacity)
        {
            recent.RemoveRange(0, recent.Count - capacity);
        }
    }

    public static string Digest(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var length = Encoding.UTF8.GetMaxByteCount(eventId.Length);
        Span<byte> utf8 = length <= StackLimit ? stackalloc byte[StackLimit] : new byte[length];
        var written = Encoding.UTF8.GetBytes(eventId, utf8);
        Span<byte> hash = stackalloc byte[sizeof(ulong)];
        XxHash3.Hash(utf8[..written], hash);
        return Base64Url.EncodeToString(hash);
    }
}
