namespace PipedriveMaileon.Database.GrainState;

/// <summary>The one order every silo writes rows in within a call (so concurrent calls lock rows in the same order).</summary>
internal static class KeyOrder
{
    public static int Compare(GrainStateKey a, GrainStateKey b)
    {
        var order = a.GrainIdHash.CompareTo(b.GrainIdHash);
        order = order != 0 ? order : a.N1.CompareTo(b.N1);
        order = order != 0 ? order : a.N0.CompareTo(b.N0);
        order = order != 0 ? order : string.CompareOrdinal(a.GrainType, b.GrainType);
        return order != 0 ? order : string.CompareOrdinal(a.Extension, b.Extension);
    }
}
